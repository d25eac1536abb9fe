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

export function toDeliveryEvent(row: OutboxRow): DeliveryEvent {
  let parsed: EventObject | undefined;
  return {
    seq: row.seq,
    twinId: row.twinId,
    type: row.type,
    raw: row.event,
    createdAt: row.createdAt,
    event() {
      parsed ??= parseEvent(row.event);
      return parsed;
    },
  };
}

function parseEvent(text: string): EventObject {
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as EventObject;
  } catch {
    // An unreadable row is delivered as is and matched as an empty event.
  }
  return {};
}
