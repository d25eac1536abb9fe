/**
 * Endpoint definitions: where routed events go. Validated by `parseEndpointDefinition`, stored
 * whole (credentials included), returned by the API only through `redactEndpoint`.
 */
/** Fields holding credentials, per kind: never returned by the API. */
export const secretFields = {
    webhook: ["hmacSecret", "secretHeaders"],
    mqtt: ["password"],
    nats: ["pass", "token"],
    amqp: ["password"],
};
export const defaultRetryPolicy = {
    maxAttempts: 10,
    maxAgeMs: 24 * 60 * 60 * 1000,
    initialDelayMs: 500,
    maxDelayMs: 60_000,
};
export const defaultTimeoutMs = 10_000;
//# sourceMappingURL=endpointDefinition.js.map