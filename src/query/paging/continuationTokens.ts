import { createCipheriv, createDecipheriv, createHmac } from "node:crypto";
import type { SqlValue } from "../compile/base.js";

/**
 * Where a paged query stands. The token carries the query text (re-analysed on every page, never
 * trusted as SQL), the keyset position of the last row returned, and counters.
 */
export interface QueryCursor {
  readonly query: string;
  /** Sort values of the last row returned; the next page starts strictly after them. */
  readonly after: readonly SqlValue[];
  /** Rows returned so far, for TOP. */
  readonly returned: number;
  /** Page size of the first request, used when a follow-up does not send `max-items-per-page`. */
  readonly pageSize: number;
  readonly page: number;
}

/** Longer tokens are rejected before any decoding (the query text is limited anyway). */
const maxTokenLength = 256 * 1024;
const ivBytes = 12;
const tagBytes = 16;
const context = Buffer.from("doppel-query-v2");

/**
 * Continuation tokens: the cursor as JSON, encrypted and authenticated with AES-256-GCM under a
 * key derived from the store's secret, as `base64url(iv | ciphertext | tag)`. Anything that does
 * not authenticate is rejected, never interpreted, so a token can be neither forged nor edited;
 * since it holds values, not SQL, even a valid one cannot change what runs. It is encrypted, not
 * only signed, because the keyset position is a row key (SQLite's rowid, PostgreSQL's `rk`):
 * readable, the gaps between the keys of a scoped caller's rows would tell how many twins it
 * cannot see were created in between.
 */
export class ContinuationTokens {
  private readonly key: Buffer;
  private readonly ivKey: Buffer;

  constructor(secret: Uint8Array) {
    this.key = createHmac("sha256", Buffer.from(secret)).update("doppel-query-token-key-v2").digest();
    this.ivKey = createHmac("sha256", Buffer.from(secret)).update("doppel-query-token-iv-v2").digest();
  }

  sign(cursor: QueryCursor): string {
    const payload = JSON.stringify({
      v: 2,
      q: cursor.query,
      a: cursor.after,
      n: cursor.returned,
      s: cursor.pageSize,
      p: cursor.page,
    });
    // A synthetic IV (keyed hash of the cursor): the same page always gets the same token, and
    // an IV repeats only with its plaintext, which GCM tolerates.
    const iv = createHmac("sha256", this.ivKey).update(payload).digest().subarray(0, ivBytes);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv, { authTagLength: tagBytes });
    cipher.setAAD(context);
    const body = Buffer.concat([cipher.update(payload, "utf8"), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
  }

  /** The cursor, or undefined when the token is malformed, forged or edited. */
  verify(token: string): QueryCursor | undefined {
    if (token.length > maxTokenLength || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
    const bytes = Buffer.from(token, "base64url");
    // Only the canonical spelling: Node's decoder ignores stray trailing characters.
    if (bytes.length <= ivBytes + tagBytes || bytes.toString("base64url") !== token) return undefined;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, bytes.subarray(0, ivBytes), {
        authTagLength: tagBytes,
      });
      decipher.setAAD(context);
      decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)),
        decipher.final(),
      ]);
      return decode(plain.toString("utf8"));
    } catch {
      return undefined;
    }
  }
}

function decode(payload: string): QueryCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { v, q, a, n, s, p } = value as Record<string, unknown>;
  if (v !== 2 || typeof q !== "string" || !Array.isArray(a) || !a.every(isSqlValue)) return undefined;
  if (!isCount(n, 0) || !isCount(s, 1) || !isCount(p, 1)) return undefined;
  return { query: q, after: a, returned: n, pageSize: s, page: p };
}

function isSqlValue(value: unknown): value is SqlValue {
  return value === null || typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}
