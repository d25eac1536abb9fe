export const defaultRateLimits = {
    enabled: true,
    perPrincipal: {
        read: 10_000,
        patch: 10_000,
        createDelete: 5_000,
        query: 5_000,
        models: 1_000,
        eventRoutes: 1_000,
        jobs: 10,
        admin: 1_000,
    },
    perTwin: 100,
    burstSeconds: 2,
};
//# sourceMappingURL=rateLimitOptions.js.map