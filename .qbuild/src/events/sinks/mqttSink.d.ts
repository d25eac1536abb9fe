import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { MqttEndpoint } from "../endpoints/endpointDefinition.js";
import { type DeliveryOutcome, type Sink } from "./sink.js";
/**
 * MQTT 3.1.1 publisher: the structured CloudEvent as payload, QoS 1 by default (delivered = the
 * broker's PUBACK). One connection per endpoint, kept open and reconnected by the client.
 */
export declare class MqttSink implements Sink {
    private readonly endpoint;
    private client;
    private readonly topic;
    constructor(endpoint: MqttEndpoint);
    send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]>;
    /** The open client; fails fast while the broker is unreachable rather than queueing offline. */
    private connected;
    close(): Promise<void>;
}
