/**
 * ADT answers an unauthenticated call from its front door, outside the usual error envelope:
 * `{"statusCode":401,"message":"Unauthorized"}` with `Content-Type: application/json` (no charset,
 * no x-ms-error-code). The same body for every reason, so it tells a prober nothing.
 */
// A Buffer, so Fastify leaves the content type exactly as ADT sends it (no charset appended).
const unauthorizedBody = Buffer.from(JSON.stringify({ statusCode: 401, message: "Unauthorized" }));
export function sendUnauthorized(reply) {
    return reply.code(401).header("content-type", "application/json").send(unauthorizedBody);
}
/** ADT's twin-level throttling answer: the twin id inside the error, and Retry-After. */
export function sendTwinThrottled(reply, twinId, retryAfterSeconds) {
    const body = {
        error: {
            twinId,
            code: "TooManyRequests",
            message: "Operation could not be completed as too many requests to this twin have been made. Please check Retry-After header to retry request.",
        },
    };
    return reply
        .code(429)
        .header("retry-after", String(retryAfterSeconds))
        .header("x-ms-error-code", "TooManyRequests")
        .header("content-type", "application/json; charset=utf-8")
        .send(JSON.stringify(body));
}
//# sourceMappingURL=securityReplies.js.map