import { parseApiKey, secretMatches } from "./apiKeySecret.js";
import { AuthenticationError } from "./authenticationError.js";
export function authenticateApiKey(token, access, now) {
    const parsed = parseApiKey(token);
    if (!parsed)
        throw new AuthenticationError("malformed API key");
    const stored = access.apiKeys.get(parsed.id);
    // Compare even for unknown ids so timing does not tell which ids exist.
    const matches = secretMatches(parsed.secret, stored?.hash ?? "0".repeat(64));
    if (!stored || !matches)
        throw new AuthenticationError(`unknown API key ${parsed.id}`);
    if (stored.revokedAt !== null)
        throw new AuthenticationError(`API key ${parsed.id} was revoked`);
    if (stored.expiresAt !== null && Date.parse(stored.expiresAt) <= now) {
        throw new AuthenticationError(`API key ${parsed.id} has expired`);
    }
    return { kind: "apiKey", id: `key:${stored.id}`, keyId: stored.id, name: stored.name };
}
//# sourceMappingURL=authenticateApiKey.js.map