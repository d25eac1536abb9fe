import type { DeliveryEvent } from "./delivery/deliveryEvent.js";

/**
 * What `authorizeStream` grants: nothing (`false`), every event (`true`), or the events
 * `visible` keeps. `visible` is asked once per batch and answers, for each event, whether the
 * subscriber may see it (a caller whose access covers only some twins).
 */
export type StreamGrant =
  | boolean
  | { readonly visible: (events: readonly DeliveryEvent[]) => Promise<readonly boolean[]> };

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
   * Access-control hook for live streams: answers whether the request may subscribe (`true`: to
   * every event), or the filter of the events it may see. The auth part plugs in here; by
   * default everyone may.
   */
  readonly authorizeStream?: (request: {
    headers: Record<string, string | string[] | undefined>;
    /** Given only for WebSocket upgrades, which bypass the HTTP hooks' per-address limits. */
    remoteAddress?: string | undefined;
  }) => StreamGrant | Promise<StreamGrant>;
  readonly log: (message: string, error?: unknown) => void;
  readonly now: () => number;
}

export const defaultEventsConfig: EventsConfig = {
  dispatch: true,
  batchSize: 1000,
  pollIntervalMs: 500,
  cursorSaveIntervalMs: 200,
  retentionMs: 60 * 60 * 1000,
  trimIntervalMs: 60 * 1000,
  maxRoutes: 64,
  maxEndpoints: 64,
  corsOrigins: [],
  heartbeatMs: 15_000,
  log: (message, error) => console.warn(`doppel events: ${message}`, error === undefined ? "" : error),
  now: Date.now,
};
