import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Continuation tokens for `GET /models`. A token carries only the upload-order cursor and is
 * HMAC-signed together with the request's `dependenciesFor` set, so it cannot be forged, edited or
 * replayed against a different filter: anything that does not verify is rejected, never
 * interpreted. The key lives in memory, so tokens do not outlive the process (ADT's expire too).
 */
export interface ModelPageCursor {
  /** The last upload sequence number already returned. */
  readonly afterSeq: number;
  /** Page size asked for on the first page; used when a follow-up request does not repeat it. */
  readonly pageSize: number;
}

const maxTokenLength = 512;

export class ModelPageTokens {
  private readonly key: Buffer;

  constructor(key: Uint8Array = randomBytes(32)) {
    this.key = Buffer.from(key);
  }

  sign(cursor: ModelPageCursor, filter: readonly string[]): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, s: cursor.afterSeq, n: cursor.pageSize })).toString("base64url");
    return `${payload}.${this.mac(payload, filter).toString("base64url")}`;
  }

  /** The cursor, or undefined when the token is malformed, forged or bound to another filter. */
  verify(token: string, filter: readonly string[]): ModelPageCursor | undefined {
    if (token.length > maxTokenLength) return undefined;
    const parts = token.split(".");
    if (parts.length !== 2) return undefined;
    const [payload, signature] = parts as [string, string];
    const expected = this.mac(payload, filter);
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return decodePayload(payload);
  }

  private mac(payload: string, filter: readonly string[]): Buffer {
    const canonical = [...new Set(filter)].sort().join("\n");
    return createHmac("sha256", this.key).update(payload).update("\0").update(canonical).digest();
  }
}

function decodePayload(payload: string): ModelPageCursor | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { v, s, n } = value as Record<string, unknown>;
  if (v !== 1 || !isCount(s, 0) || !isCount(n, 1)) return undefined;
  return { afterSeq: s, pageSize: n };
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}
