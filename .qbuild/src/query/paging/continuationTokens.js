import { createHmac, timingSafeEqual } from "node:crypto";
/** Longer tokens are rejected before any decoding (the query text is limited anyway). */
const maxTokenLength = 256 * 1024;
/**
 * Continuation tokens: a base64url JSON payload and its HMAC-SHA256 under the store's secret.
 * Anything that does not verify is rejected, never interpreted, so a token can be neither forged
 * nor edited; and since it holds values, not SQL, even a valid one cannot change what runs.
 */
export class ContinuationTokens {
    key;
    constructor(secret) {
        this.key = Buffer.from(secret);
    }
    sign(cursor) {
        const payload = Buffer.from(JSON.stringify({
            v: 1,
            q: cursor.query,
            a: cursor.after,
            n: cursor.returned,
            s: cursor.pageSize,
            p: cursor.page,
        })).toString("base64url");
        return `${payload}.${this.mac(payload).toString("base64url")}`;
    }
    /** The cursor, or undefined when the token is malformed, forged or edited. */
    verify(token) {
        if (token.length > maxTokenLength)
            return undefined;
        const dot = token.indexOf(".");
        if (dot < 0 || token.indexOf(".", dot + 1) >= 0)
            return undefined;
        const payload = token.slice(0, dot);
        const given = Buffer.from(token.slice(dot + 1), "base64url");
        const expected = this.mac(payload);
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
            return undefined;
        return decode(payload);
    }
    mac(payload) {
        return createHmac("sha256", this.key).update("doppel-query-v1\0").update(payload).digest();
    }
}
function decode(payload) {
    let value;
    try {
        value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    }
    catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null)
        return undefined;
    const { v, q, a, n, s, p } = value;
    if (v !== 1 || typeof q !== "string" || !Array.isArray(a) || !a.every(isSqlValue))
        return undefined;
    if (!isCount(n, 0) || !isCount(s, 1) || !isCount(p, 1))
        return undefined;
    return { query: q, after: a, returned: n, pageSize: s, page: p };
}
function isSqlValue(value) {
    return value === null || typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}
function isCount(value, min) {
    return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}
//# sourceMappingURL=continuationTokens.js.map