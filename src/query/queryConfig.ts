import { type QueryCompat, type QueryLimits, queryLimitsFor } from "./queryLimits.js";
import type { QueryConsistency, QueryServiceConfig } from "./queryService.js";

/** Query settings in `ServerConfig.query`; the mode is `ServerConfig.queryCompat`. */
export interface QueryConfig {
  /** Overrides of the mode's limits (ADT's in `adt` mode). */
  readonly limits: Partial<QueryLimits>;
  /** Server-side execution limit in milliseconds (ADT: 60 s). */
  readonly timeoutMs: number;
  /** Largest page, and the page size when a request sends no `max-items-per-page` (ADT: 1,000). */
  readonly maxPageSize: number;
  /**
   * For requests that do not say (`Doppel-Consistency` header): `strong` reads the primary and
   * sees every acknowledged write; `eventual` may read the store's replica, which may lag.
   */
  readonly consistency: QueryConsistency;
}

export const defaultQueryConfig: QueryConfig = {
  limits: {},
  timeoutMs: 60_000,
  maxPageSize: 1000,
  consistency: "strong",
};

export function resolveQueryConfig(
  compat: QueryCompat = "doppel",
  config: Partial<QueryConfig> = {},
): QueryServiceConfig {
  const merged = { ...defaultQueryConfig, ...config };
  return {
    compat,
    limits: queryLimitsFor(compat, merged.limits),
    timeoutMs: merged.timeoutMs,
    maxPageSize: merged.maxPageSize,
    consistency: merged.consistency,
  };
}
