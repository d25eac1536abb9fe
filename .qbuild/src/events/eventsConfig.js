export const defaultEventsConfig = {
    dispatch: true,
    batchSize: 1000,
    pollIntervalMs: 500,
    cursorSaveIntervalMs: 200,
    retentionMs: 60 * 60 * 1000,
    trimIntervalMs: 60 * 1000,
    maxRoutes: 64,
    maxEndpoints: 64,
    corsOrigins: [],
    heartbeatMs: 15_000,
    log: (message, error) => console.warn(`doppel events: ${message}`, error === undefined ? "" : error),
    now: Date.now,
};
//# sourceMappingURL=eventsConfig.js.map