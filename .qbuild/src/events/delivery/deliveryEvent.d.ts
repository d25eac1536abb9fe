import type { OutboxRow } from "../../store/ports/eventStore.js";
import type { EventObject } from "../filter/compileFilter.js";
/**
 * An outbox row on its way to a sink. The CloudEvent JSON is parsed at most once and only when
 * something needs a field (a `true` route to NATS with a `{type}` subject never parses it).
 */
export interface DeliveryEvent {
    readonly seq: number;
    readonly twinId: string | null;
    readonly type: string;
    /** The CloudEvent in structured JSON, as committed. */
    readonly raw: string;
    readonly createdAt: number;
    event(): EventObject;
}
export declare function toDeliveryEvent(row: OutboxRow): DeliveryEvent;
