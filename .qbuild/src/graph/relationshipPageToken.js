import { invalidContinuationToken } from "./graphErrors.js";
export function encodePageToken(position) {
    const data = position.list === "outgoing"
        ? ["o", position.afterId, position.name ?? null]
        : ["i", position.afterSourceId, position.afterId];
    return Buffer.from(JSON.stringify(data), "utf8").toString("base64url");
}
export function decodePageToken(token, list) {
    let data;
    try {
        data = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    }
    catch {
        throw invalidContinuationToken();
    }
    if (!Array.isArray(data) || data.length !== 3 || typeof data[1] !== "string")
        throw invalidContinuationToken();
    const [kind, first, second] = data;
    if (list === "outgoing" && kind === "o" && (second === null || typeof second === "string")) {
        return second === null ? { list, afterId: first } : { list, afterId: first, name: second };
    }
    if (list === "incoming" && kind === "i" && typeof second === "string") {
        return { list, afterSourceId: first, afterId: second };
    }
    throw invalidContinuationToken();
}
//# sourceMappingURL=relationshipPageToken.js.map