/**
 * API keys look like `dpk_<id>_<secret>`: the id (16 hex digits) finds the stored record, the
 * secret (32 random bytes, base64url) proves possession. Only SHA-256 of the secret is stored;
 * with 256 random bits a fast hash is as strong as a slow one, and it keeps each request cheap.
 * The format has no dots, so it never looks like a JWT.
 */
export interface NewApiKeySecret {
    readonly id: string;
    /** The full key to hand to the caller once. */
    readonly key: string;
    readonly hash: string;
}
export declare function generateApiKey(): NewApiKeySecret;
export declare function parseApiKey(token: string): {
    id: string;
    secret: string;
} | null;
export declare function looksLikeApiKey(token: string): boolean;
export declare function hashSecret(secret: string): string;
export declare function secretMatches(secret: string, storedHash: string): boolean;
