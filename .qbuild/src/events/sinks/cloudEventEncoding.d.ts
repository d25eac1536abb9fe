import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
/** A message body with its content type and (transport-neutral) attribute headers. */
export interface EncodedMessage {
    readonly body: string;
    readonly contentType: string;
    readonly headers: Readonly<Record<string, string>>;
}
/** CloudEvents HTTP binding, structured mode: the event as committed. */
export declare function encodeStructured(e: DeliveryEvent): EncodedMessage;
/** CloudEvents HTTP binding, binary mode: attributes as `ce-` headers, `data` as the body. */
export declare function encodeBinary(e: DeliveryEvent): EncodedMessage;
/** Event Grid's own schema, as ADT sends it to an Event Grid topic configured for it (an array of one). */
export declare function encodeEventGrid(e: DeliveryEvent): EncodedMessage;
/**
 * CloudEvents AMQP binding (as ADT sends to Event Hubs / Service Bus): attributes as application
 * properties prefixed `cloudEvents:`, `data` as the body.
 */
export declare function encodeAmqp(e: DeliveryEvent): EncodedMessage;
