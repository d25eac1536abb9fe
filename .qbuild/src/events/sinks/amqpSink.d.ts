import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { AmqpEndpoint } from "../endpoints/endpointDefinition.js";
import { type DeliveryOutcome, type Sink } from "./sink.js";
/**
 * AMQP 0-9-1 publisher (RabbitMQ) on a confirm channel: delivered = the broker's publisher
 * confirm. Messages follow the CloudEvents AMQP binding (`cloudEvents:` application properties,
 * `data` as the body) and are persistent.
 */
export declare class AmqpSink implements Sink {
    private readonly endpoint;
    private link;
    private readonly routingKey;
    constructor(endpoint: AmqpEndpoint);
    send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]>;
    private publish;
    private connected;
    private open;
    /** Forget the link (a closed channel cannot be reused); the next send reconnects. */
    private reset;
    close(): Promise<void>;
}
