import type { EventStore } from "../../store/ports/eventStore.js";
import { type DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { CompiledFilter } from "../filter/compileFilter.js";
export interface Subscription {
    readonly filter: CompiledFilter;
    /** Deliver events with seq > afterSeq (a resumed stream passes its Last-Event-ID). */
    readonly afterSeq: number;
    readonly signal: AbortSignal;
    /** Writes one event; resolves when the transport can take more (back-pressure). */
    readonly send: (event: DeliveryEvent) => Promise<void>;
}
/**
 * Live subscribers tailing the outbox. Each reads from its own position, so a slow browser only
 * slows itself; commits wake every tail.
 */
export declare class LiveStreams {
    private readonly store;
    private readonly pollIntervalMs;
    private readonly batchSize;
    private readonly tails;
    constructor(store: EventStore, pollIntervalMs: number, batchSize?: number);
    get count(): number;
    notify(): void;
    /** Where a new subscription without Last-Event-ID starts: after everything committed so far. */
    latestSeq(): Promise<number>;
    run(subscription: Subscription): Promise<void>;
}
