import { randomFillSync } from "node:crypto";

const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The request's W3C `traceparent` when it is well formed, else a new one: events carry the trace
 * of the change that caused them, and ADT stamps one even when the caller sent none.
 */
export function resolveTraceparent(header: string | undefined): string {
  if (header !== undefined) {
    const match = traceparentPattern.exec(header.trim());
    if (
      match !== null &&
      match[1] !== "ff" &&
      match[2] !== "00000000000000000000000000000000" &&
      match[3] !== "0000000000000000"
    ) {
      return match[0];
    }
  }
  return newTraceparent();
}

/** Random bytes drawn in bulk: one call to the system's generator serves many trace ids. */
const pool = Buffer.alloc(24 * 256);
let poolOffset = pool.length;

export function newTraceparent(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += 24;
  const traceId = pool.toString("hex", start, start + 16);
  const spanId = pool.toString("hex", start + 16, start + 24);
  // All-zero ids are invalid in W3C trace context (a 2^-64 chance, but cheap to rule out).
  if (traceId === "00000000000000000000000000000000" || spanId === "0000000000000000") return newTraceparent();
  return `00-${traceId}-${spanId}-01`;
}
