import type { EventStore } from "../store/ports/eventStore.js";
import { DeliveryMetrics } from "./delivery/deliveryMetrics.js";
import { EventDispatcher } from "./delivery/eventDispatcher.js";
import type { EventsConfig } from "./eventsConfig.js";
import { LiveStreams } from "./stream/liveStreams.js";
export interface EventRoute {
    readonly id: string;
    readonly endpointName: string;
    readonly filter: string;
}
export interface DeadLetterView {
    readonly id: number;
    readonly routeId: string;
    readonly endpointName: string;
    readonly seq: number;
    readonly twinId: string | null;
    readonly type: string;
    readonly attempts: number;
    readonly lastError: string;
    readonly firstAttemptTime: string;
    readonly deadLetteredTime: string;
    readonly event?: unknown;
}
/**
 * Event routes (ADT's API), endpoints and dead letters (our admin API), the dispatcher and live
 * streams. The write path calls `notify()` after each commit.
 */
export declare class EventService {
    private readonly store;
    readonly config: EventsConfig;
    readonly metrics: DeliveryMetrics;
    readonly dispatcher: EventDispatcher;
    readonly streams: LiveStreams;
    constructor(store: EventStore, config: EventsConfig);
    /** Wakes delivery and live streams: something was committed to the outbox. */
    notify(): void;
    start(): Promise<void>;
    stop(): Promise<void>;
    listRoutes(): Promise<EventRoute[]>;
    getRoute(id: string): Promise<EventRoute>;
    putRoute(id: string, body: unknown): Promise<void>;
    deleteRoute(id: string): Promise<void>;
    listEndpoints(): Promise<Record<string, unknown>[]>;
    getEndpoint(name: string): Promise<Record<string, unknown>>;
    putEndpoint(name: string, body: unknown): Promise<{
        created: boolean;
        endpoint: Record<string, unknown>;
    }>;
    /** JSON Merge Patch over the stored definition, so credentials need not be sent again. */
    patchEndpoint(name: string, patch: unknown): Promise<Record<string, unknown>>;
    deleteEndpoint(name: string): Promise<void>;
    private endpointDefinition;
    private endpointDefinitions;
    listDeadLetters(options: {
        afterId: number;
        limit: number;
        endpointName?: string;
    }): Promise<DeadLetterView[]>;
    getDeadLetter(id: number): Promise<DeadLetterView>;
    deleteDeadLetter(id: number): Promise<void>;
    /**
     * Sends a dead letter to its endpoint again, now; on success it is removed. Fails with 503
     * (and keeps the letter) when the endpoint still refuses it.
     */
    replayDeadLetter(id: number): Promise<void>;
    /** Replays in order, stopping at the first failure; answers how many went and how many remain. */
    replayDeadLetters(endpointName?: string): Promise<{
        replayed: number;
        remaining: number;
    }>;
    private deadLetter;
    metricsText(): Promise<string>;
}
