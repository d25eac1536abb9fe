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
export const adtQueryLimits: QueryLimits = {
  maxQueryLength: 8000,
  maxJoins: 5,
  maxLogicalOperators: 50,
  maxInItems: 50,
  maxHops: 10,
};

export const doppelQueryLimits: QueryLimits = {
  maxQueryLength: 32_000,
  maxJoins: 10,
  maxLogicalOperators: 500,
  maxInItems: 1000,
  maxHops: 10,
};

export function queryLimitsFor(compat: QueryCompat, overrides: Partial<QueryLimits> = {}): QueryLimits {
  return { ...(compat === "adt" ? adtQueryLimits : doppelQueryLimits), ...overrides };
}
