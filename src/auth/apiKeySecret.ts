import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

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

const keyPattern = /^dpk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(): NewApiKeySecret {
  const id = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { id, key: `dpk_${id}_${secret}`, hash: hashSecret(secret) };
}

export function parseApiKey(token: string): { id: string; secret: string } | null {
  const match = keyPattern.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
