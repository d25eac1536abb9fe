/**
 * `doppel` (default) runs ADT's language plus the documented extensions; `adt` rejects whatever
 * ADT rejects, with ADT's limits.
 */
export type QueryCompat = "doppel" | "adt";
export interface QueryLimits {
    /** Characters in the query text. */
    readonly maxQueryLength: number;
    readonly maxJoins: number;
    /** AND and OR operators in WHERE. */
    readonly maxLogicalOperators: number;
    /** Values in one IN / NIN list. */
    readonly maxInItems: number;
    /** Sum of the largest hop count of every MATCH edge. */
    readonly maxHops: number;
}
/** ADT's published limits (reference-service-limits; IN lists: the stricter of the two documented values). */
export declare const adtQueryLimits: QueryLimits;
export declare const doppelQueryLimits: QueryLimits;
export declare function queryLimitsFor(compat: QueryCompat, overrides?: Partial<QueryLimits>): QueryLimits;
