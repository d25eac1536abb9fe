import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
const keyPattern = /^dpk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
export function generateApiKey() {
    const id = randomBytes(8).toString("hex");
    const secret = randomBytes(32).toString("base64url");
    return { id, key: `dpk_${id}_${secret}`, hash: hashSecret(secret) };
}
export function parseApiKey(token) {
    const match = keyPattern.exec(token);
    return match ? { id: match[1], secret: match[2] } : null;
}
export function looksLikeApiKey(token) {
    return token.startsWith("dpk_");
}
export function hashSecret(secret) {
    return createHash("sha256").update(secret, "utf8").digest("hex");
}
export function secretMatches(secret, storedHash) {
    const actual = Buffer.from(hashSecret(secret), "hex");
    const expected = Buffer.from(storedHash, "hex");
    return actual.length === expected.length && timingSafeEqual(actual, expected);
}
//# sourceMappingURL=apiKeySecret.js.map