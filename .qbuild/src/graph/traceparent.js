import { randomUUID } from "node:crypto";
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/**
 * The request's W3C `traceparent` when it is well formed, else a new one: events carry the trace
 * of the change that caused them, and ADT stamps one even when the caller sent none.
 */
export function resolveTraceparent(header) {
    if (header !== undefined) {
        const match = traceparentPattern.exec(header.trim());
        if (match !== null &&
            match[1] !== "ff" &&
            match[2] !== "00000000000000000000000000000000" &&
            match[3] !== "0000000000000000") {
            return match[0];
        }
    }
    return newTraceparent();
}
export function newTraceparent() {
    const traceId = randomUUID().replaceAll("-", "");
    const spanId = randomUUID().replaceAll("-", "").slice(0, 16);
    return `00-${traceId}-${spanId}-01`;
}
//# sourceMappingURL=traceparent.js.map