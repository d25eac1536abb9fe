import { type QueryCompat, type QueryLimits } from "./queryLimits.js";
import type { QueryServiceConfig } from "./queryService.js";
/** Query settings in `ServerConfig.query`; the mode is `ServerConfig.queryCompat`. */
export interface QueryConfig {
    /** Overrides of the mode's limits (ADT's in `adt` mode). */
    readonly limits: Partial<QueryLimits>;
    /** Server-side execution limit in milliseconds (ADT: 60 s). */
    readonly timeoutMs: number;
    /** Largest page, and the page size when a request sends no `max-items-per-page` (ADT: 1,000). */
    readonly maxPageSize: number;
}
export declare const defaultQueryConfig: QueryConfig;
export declare function resolveQueryConfig(compat?: QueryCompat, config?: Partial<QueryConfig>): QueryServiceConfig;
