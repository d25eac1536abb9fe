import { queryLimitsFor } from "./queryLimits.js";
export const defaultQueryConfig = {
    limits: {},
    timeoutMs: 60_000,
    maxPageSize: 1000,
};
export function resolveQueryConfig(compat = "doppel", config = {}) {
    const merged = { ...defaultQueryConfig, ...config };
    return {
        compat,
        limits: queryLimitsFor(compat, merged.limits),
        timeoutMs: merged.timeoutMs,
        maxPageSize: merged.maxPageSize,
    };
}
//# sourceMappingURL=queryConfig.js.map