/** ADT's published limits (reference-service-limits; IN lists: the stricter of the two documented values). */
export const adtQueryLimits = {
    maxQueryLength: 8000,
    maxJoins: 5,
    maxLogicalOperators: 50,
    maxInItems: 50,
    maxHops: 10,
};
export const doppelQueryLimits = {
    maxQueryLength: 32_000,
    maxJoins: 10,
    maxLogicalOperators: 500,
    maxInItems: 1000,
    maxHops: 10,
};
export function queryLimitsFor(compat, overrides = {}) {
    return { ...(compat === "adt" ? adtQueryLimits : doppelQueryLimits), ...overrides };
}
//# sourceMappingURL=queryLimits.js.map