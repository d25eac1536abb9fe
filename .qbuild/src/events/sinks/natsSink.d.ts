import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { NatsEndpoint } from "../endpoints/endpointDefinition.js";
import { type DeliveryOutcome, type Sink } from "./sink.js";
/**
 * NATS publisher: the structured CloudEvent as payload. Core NATS counts a batch delivered once
 * the server answered a flush (PING/PONG after the publishes); JetStream waits for each ack.
 */
export declare class NatsSink implements Sink {
    private readonly endpoint;
    private connection;
    private jetstream;
    private readonly subject;
    constructor(endpoint: NatsEndpoint);
    send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]>;
    private sendJetStream;
    private connected;
    close(): Promise<void>;
}
