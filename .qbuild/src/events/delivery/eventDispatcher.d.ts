import type { EventStore, StoredRoute } from "../../store/ports/eventStore.js";
import type { EndpointDefinition } from "../endpoints/endpointDefinition.js";
import type { DeliveryMetrics } from "./deliveryMetrics.js";
import { SinkRegistry } from "./sinkRegistry.js";
export interface DispatcherOptions {
    readonly batchSize: number;
    readonly pollIntervalMs: number;
    readonly cursorSaveIntervalMs: number;
    readonly retentionMs: number;
    readonly trimIntervalMs: number;
    readonly now: () => number;
    readonly log: (message: string, error?: unknown) => void;
}
/**
 * Runs one RouteWorker per route over shared sinks, wakes them on commit (`notify`) with polling
 * as the fallback, and trims the outbox behind the slowest route once the retention window has
 * passed.
 */
export declare class EventDispatcher {
    private readonly store;
    private readonly metrics;
    private readonly options;
    readonly sinks: SinkRegistry;
    private readonly workers;
    /** Workers of deleted routes finishing an in-flight send (which may hang until its timeout). */
    private readonly stopping;
    private trimTimer;
    private running;
    constructor(store: EventStore, metrics: DeliveryMetrics, options: DispatcherOptions);
    get isRunning(): boolean;
    start(endpoints: readonly EndpointDefinition[], routes: readonly StoredRoute[]): Promise<void>;
    notify(): void;
    routeChanged(route: StoredRoute): void;
    /** Stops the route's worker without waiting for an in-flight send to its endpoint. */
    routeDeleted(id: string): void;
    endpointChanged(definition: EndpointDefinition): void;
    endpointDeleted(name: string): void;
    /** Route id → its in-memory cursor and the events of its current batch still pending. */
    progress(): Map<string, {
        endpointName: string;
        cursor: number;
        pending: number;
    }>;
    /** Deletes outbox rows every route has handled and that are older than the retention window. */
    trim(): Promise<number>;
    stop(): Promise<void>;
    private context;
}
