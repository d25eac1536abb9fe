import { cloudEventTypes } from "../cloudEvents.js";
import type { DeliveryEvent } from "../delivery/deliveryEvent.js";

// Committed events are serialized with `id` right after `specversion`: read it without parsing.
const leadingId = /^\{"specversion":"1\.0","id":("(?:[^"\\]|\\.)*")/;

/**
 * The `Nats-Msg-Id` of an event: its CloudEvent id, which a redelivery repeats. Twin and
 * relationship events have ids of their own (UUIDs); a telemetry event's id is the sender's
 * `Message-Id`, unique only per sender, so it is prefixed by the twin's id — two twins may both
 * send message "1" and both must arrive.
 */
export function natsMessageId(e: DeliveryEvent): string {
  const match = leadingId.exec(e.raw);
  const id = match ? (JSON.parse(match[1]!) as string) : String(e.event().id ?? `seq-${e.seq}`);
  return e.type === cloudEventTypes.telemetry ? `${e.twinId ?? ""}/${id}` : id;
}
