/** Settings of event delivery and live streams (`ServerConfig.events`). */
export interface EventsConfig {
    /** Run the dispatcher (off: routes and endpoints can be managed, nothing is delivered). */
    readonly dispatch: boolean;
    /** Outbox rows read per route per batch. */
    readonly batchSize: number;
    /** How often routes look for new events when no commit notification arrived. */
    readonly pollIntervalMs: number;
    /** How often a busy route persists its cursor (idle routes and a clean stop persist at once). */
    readonly cursorSaveIntervalMs: number;
    /** Delivered events stay in the outbox this long (live streams can resume within it). */
    readonly retentionMs: number;
    readonly trimIntervalMs: number;
    /** ADT allows 6 routes per instance; we allow more by default. */
    readonly maxRoutes: number;
    readonly maxEndpoints: number;
    /** A JSON file of endpoints and routes applied at start-up (see docs/events.md). */
    readonly configFile?: string;
    /** Origins allowed to open live streams from a browser; `*` for any. Empty: no CORS headers. */
    readonly corsOrigins: readonly string[];
    /** Comment lines sent on idle SSE streams so proxies keep them open. */
    readonly heartbeatMs: number;
    /**
     * Access-control hook for live streams: answers whether the request may subscribe. The auth
     * part plugs in here; by default everyone may.
     */
    readonly authorizeStream?: (request: {
        headers: Record<string, string | string[] | undefined>;
    }) => boolean | Promise<boolean>;
    readonly log: (message: string, error?: unknown) => void;
    readonly now: () => number;
}
export declare const defaultEventsConfig: EventsConfig;
