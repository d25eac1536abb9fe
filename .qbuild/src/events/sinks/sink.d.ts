import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
/** The outcome of one event's delivery attempt; `error` says why it failed. */
export type DeliveryOutcome = {
    readonly ok: true;
} | {
    readonly ok: false;
    readonly error: string;
};
/**
 * Something events can be delivered to (one per endpoint, shared by its routes). `send` delivers
 * a batch in order and answers one outcome per event, in the same order; it never throws. An
 * event counts as delivered only when the far side acknowledged it (HTTP 2xx, MQTT PUBACK,
 * JetStream ack, AMQP publisher confirm, core NATS flush).
 */
export interface Sink {
    send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]>;
    close(): Promise<void>;
}
export declare const delivered: DeliveryOutcome;
export declare function failed(error: unknown): DeliveryOutcome;
export declare function describeError(error: unknown): string;
/** Rejects after `ms` unless `promise` settles first. */
export declare function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
