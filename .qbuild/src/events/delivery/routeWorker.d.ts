import type { EventStore } from "../../store/ports/eventStore.js";
import type { CompiledFilter } from "../filter/compileFilter.js";
import type { DeliveryMetrics } from "./deliveryMetrics.js";
import type { SinkRegistry } from "./sinkRegistry.js";
export interface ActiveRoute {
    readonly id: string;
    readonly endpointName: string;
    readonly filter: CompiledFilter;
}
export interface WorkerContext {
    readonly store: EventStore;
    readonly sinks: SinkRegistry;
    readonly metrics: DeliveryMetrics;
    readonly batchSize: number;
    readonly pollIntervalMs: number;
    /**
     * How often a busy route persists its cursor. A cursor that lags only means redelivery after a
     * crash (still at least once); writing it per batch would cost an fsync per batch.
     */
    readonly cursorSaveIntervalMs: number;
    readonly now: () => number;
    readonly log: (message: string, error?: unknown) => void;
}
/**
 * Delivers one route: reads the outbox from the route's persisted cursor, filters, hands
 * matching events to the endpoint's sink, and moves the cursor only past events that were
 * delivered or dead-lettered — so every committed event reaches the endpoint at least once, also
 * across crashes. A route waits on its own endpoint only: each route is its own loop.
 */
export declare class RouteWorker {
    private readonly context;
    private route;
    private stopped;
    private readonly newEvents;
    private readonly retryNow;
    private loop;
    /** The last seq this route has handled (delivered, filtered out or dead-lettered). */
    cursor: number;
    /** Events of the current batch still to deliver, for the lag gauge. */
    pendingCount: number;
    private savedCursor;
    private savedAt;
    /** Aborted by `stop()`: ends a wait for the route's lease. */
    private readonly stopping;
    /** Held while delivering when the store leases routes to one node of a cluster. */
    private lease;
    constructor(route: ActiveRoute, context: WorkerContext);
    get id(): string;
    get endpointName(): string;
    start(): void;
    /** New events were committed. */
    wake(): void;
    /** The route's filter or endpoint changed; takes effect from the next batch. */
    update(route: ActiveRoute): void;
    /** The endpoint's definition changed: retry what is waiting now rather than after the backoff. */
    nudge(): void;
    /** Stops; `persist` saves the cursor reached (not for a deleted route: that would resurrect it). */
    stop(persist?: boolean): Promise<void>;
    private run;
    /**
     * In a cluster one node at a time delivers a route: waits for its lease (`EventStore.claimRoute`).
     * Undefined when the store does not lease routes; null when stopped while waiting.
     */
    private claimLease;
    private runOnce;
    private saveCursor;
    /** Delivers until every event is acknowledged or dead-lettered; false when stopped first. */
    private deliver;
    /** One round: sends the pending events, answers those still to retry (in order). */
    private attempt;
    private deadLetter;
    private policyOf;
}
