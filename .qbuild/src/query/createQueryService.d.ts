import type { Store } from "../store/store.js";
import { type QueryConfig } from "./queryConfig.js";
import type { QueryCompat } from "./queryLimits.js";
import { QueryService } from "./queryService.js";
/** The query service over a store, with the compiler for the store's SQL dialect. */
export declare function createQueryService(store: Store, compat?: QueryCompat, config?: Partial<QueryConfig>): QueryService;
