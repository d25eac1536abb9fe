import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { WebhookEndpoint } from "../endpoints/endpointDefinition.js";
import { type DeliveryOutcome, type Sink } from "./sink.js";
/**
 * HTTP(S) POST per event. Events of different twins go out concurrently; a twin's events go in
 * order and its lane stops at the first failure, so a later event never overtakes an earlier one
 * of the same twin.
 */
export declare class WebhookSink implements Sink {
    private readonly endpoint;
    private readonly encode;
    private readonly controller;
    constructor(endpoint: WebhookEndpoint);
    send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]>;
    private post;
    close(): Promise<void>;
}
