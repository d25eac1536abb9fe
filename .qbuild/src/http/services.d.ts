import type { AuthService } from "../auth/authService.js";
import type { EventService } from "../events/eventService.js";
import type { EventsConfig } from "../events/eventsConfig.js";
import type { GraphConfig } from "../graph/graphConfig.js";
import type { GraphService } from "../graph/graphService.js";
import type { ModelRegistry } from "../models/modelRegistry.js";
import type { QueryConfig } from "../query/queryConfig.js";
import type { QueryCompat } from "../query/queryLimits.js";
import type { QueryService } from "../query/queryService.js";
import type { Store } from "../store/store.js";
/**
 * The services the HTTP layer calls. Built once by `server/createServices.ts`; each resource's
 * routes use only what they need. Data flows one way: http → services → store.
 */
export interface Services {
    readonly store: Store;
    readonly config: ServerConfig;
    /** Uploaded models and their warm object model (twin validation reads it synchronously). */
    readonly models: ModelRegistry;
    /** Event routes, endpoints, delivery, dead letters, live streams; the write path calls `events.notify()` after commit. */
    readonly events: EventService;
    /** Authentication, roles and scopes, limits, rate limits and the audit log (`src/auth`). */
    readonly auth: AuthService;
    /** Twins, components, relationships and telemetry: the one write path (`src/graph`). */
    readonly graph: GraphService;
    /** The query language: `POST /query` (`src/query`). */
    readonly query: QueryService;
}
export interface ServerConfig {
    /** Max models per POST /models. */
    readonly maxModelsPerUpload: number;
    /** Default and maximum page size for list operations. */
    readonly pageSize: number;
    /** Event delivery and live streams (defaults in `events/eventsConfig.ts`). */
    readonly events?: Partial<EventsConfig>;
    /** Twin graph limits and paging (defaults: ADT's service limits, in `graph/graphConfig.ts`). */
    readonly graph?: Partial<GraphConfig>;
    /** Query language mode: `doppel` (ADT plus extensions, the default) or `adt` (ADT's rules and limits only). */
    readonly queryCompat?: QueryCompat;
    /** Query limits, timeout and page size (defaults in `query/queryConfig.ts`). */
    readonly query?: Partial<QueryConfig>;
}
export declare const defaultServerConfig: ServerConfig;
