import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
const maxTokenLength = 512;
export class ModelPageTokens {
    key;
    constructor(key = randomBytes(32)) {
        this.key = Buffer.from(key);
    }
    sign(cursor, filter) {
        const payload = Buffer.from(JSON.stringify({ v: 1, s: cursor.afterSeq, n: cursor.pageSize })).toString("base64url");
        return `${payload}.${this.mac(payload, filter).toString("base64url")}`;
    }
    /** The cursor, or undefined when the token is malformed, forged or bound to another filter. */
    verify(token, filter) {
        if (token.length > maxTokenLength)
            return undefined;
        const parts = token.split(".");
        if (parts.length !== 2)
            return undefined;
        const [payload, signature] = parts;
        const expected = this.mac(payload, filter);
        const given = Buffer.from(signature, "base64url");
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
            return undefined;
        return decodePayload(payload);
    }
    mac(payload, filter) {
        const canonical = [...new Set(filter)].sort().join("\n");
        return createHmac("sha256", this.key).update(payload).update("\0").update(canonical).digest();
    }
}
function decodePayload(payload) {
    let value;
    try {
        value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    }
    catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null)
        return undefined;
    const { v, s, n } = value;
    if (v !== 1 || !isCount(s, 0) || !isCount(n, 1))
        return undefined;
    return { afterSeq: s, pageSize: n };
}
function isCount(value, min) {
    return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}
//# sourceMappingURL=modelPageToken.js.map