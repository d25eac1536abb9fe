export const defaultRequestLimits = {
    bodyBytes: 32 * 1024,
    modelUploadBytes: 32 * 1024 * 1024,
    jsonDepth: 64,
    keyBytes: 1024,
    stringBytes: 4096,
    idBytes: 1024,
    modelIdBytes: 4096,
    headersTimeoutMs: 20_000,
    requestTimeoutMs: 60_000,
    keepAliveTimeoutMs: 65_000,
    idleTimeoutMs: 120_000,
};
//# sourceMappingURL=requestLimits.js.map