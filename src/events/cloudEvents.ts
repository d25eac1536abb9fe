/**
 * The CloudEvents (1.0, structured JSON) that every change to the graph appends to the outbox,
 * in the shapes Azure Digital Twins emits. Builders return JSON text: the twin or relationship
 * document is spliced in as already-serialised JSON, so the write path never serialises it twice.
 */

export const cloudEventTypes = {
  twinCreate: "Microsoft.DigitalTwins.Twin.Create",
  twinUpdate: "Microsoft.DigitalTwins.Twin.Update",
  twinDelete: "Microsoft.DigitalTwins.Twin.Delete",
  relationshipCreate: "Microsoft.DigitalTwins.Relationship.Create",
  relationshipUpdate: "Microsoft.DigitalTwins.Relationship.Update",
  relationshipDelete: "Microsoft.DigitalTwins.Relationship.Delete",
  /** Lower-case, as ADT spells it. */
  telemetry: "microsoft.iot.telemetry",
} as const;

export type CloudEventType = (typeof cloudEventTypes)[keyof typeof cloudEventTypes];

/**
 * An event as stored in the outbox (parse `OutboxRecord.event` to get one). Keys appear in this
 * order. `subject` is absent only on telemetry sent to the twin itself; `dataschema` only on
 * telemetry.
 */
export interface CloudEvent<T = unknown> {
  readonly specversion: "1.0";
  /** A UUID; for telemetry, the request's `Message-Id`. */
  readonly id: string;
  readonly type: CloudEventType;
  /** The instance host (`localhost:8443`); for telemetry `<host>/digitaltwins/<twinId>`. */
  readonly source: string;
  /**
   * Twin.Create/Delete: the twin as GET returns it (Delete: its last state).
   * Relationship.Create/Delete: the relationship as GET returns it.
   * Twin/Relationship.Update: `{ modelId, patch }` (`UpdateEventData`).
   * Telemetry: the posted body, unmodified.
   */
  readonly data: T;
  /** Twin id; `<sourceId>/relationships/<relationshipId>`; telemetry: the component name. */
  readonly subject?: string;
  /** When the change was applied (telemetry: `Telemetry-Source-Time` when given), 7 fractional digits + Z. */
  readonly time: string;
  readonly datacontenttype: "application/json";
  /** Telemetry only: the model of the twin or of the component. */
  readonly dataschema?: string;
  /** W3C trace context of the request that caused the change (generated when it had none). */
  readonly traceparent: string;
}

/** One JSON Patch operation as carried by Update events (keys in ADT's order). */
export interface PatchOperation {
  readonly value?: unknown;
  readonly path: string;
  readonly op: "add" | "replace" | "remove";
}

export interface UpdateEventData {
  /** The twin's model (for relationships: the source twin's model). */
  readonly modelId: string;
  readonly patch: readonly PatchOperation[];
}

/** What every event of one change shares. */
export interface EventOrigin {
  /** The instance host name events name as `source`. */
  readonly source: string;
  readonly traceparent: string;
  /** The operation time. */
  readonly time: string;
}

export interface EventHeader {
  readonly id: string;
  readonly type: CloudEventType;
  readonly source: string;
  readonly subject?: string;
  readonly time: string;
  readonly dataschema?: string;
  readonly traceparent: string;
}

/** Serialises an event whose `data` is already JSON text. */
export function serializeCloudEvent(header: EventHeader, dataJson: string): string {
  let text = `{"specversion":"1.0","id":${JSON.stringify(header.id)},"type":"${header.type}","source":${JSON.stringify(header.source)},"data":${dataJson}`;
  if (header.subject !== undefined) text += `,"subject":${JSON.stringify(header.subject)}`;
  text += `,"time":"${header.time}","datacontenttype":"application/json"`;
  if (header.dataschema !== undefined) text += `,"dataschema":${JSON.stringify(header.dataschema)}`;
  return `${text},"traceparent":${JSON.stringify(header.traceparent)}}`;
}

export function twinLifecycleEvent(
  type: typeof cloudEventTypes.twinCreate | typeof cloudEventTypes.twinDelete,
  origin: EventOrigin,
  eventId: string,
  twinId: string,
  twinJson: string,
): string {
  return serializeCloudEvent(header(origin, eventId, type, twinId), twinJson);
}

export function twinUpdateEvent(origin: EventOrigin, eventId: string, twinId: string, data: UpdateEventData): string {
  return serializeCloudEvent(header(origin, eventId, cloudEventTypes.twinUpdate, twinId), serializeUpdateData(data));
}

export function relationshipLifecycleEvent(
  type: typeof cloudEventTypes.relationshipCreate | typeof cloudEventTypes.relationshipDelete,
  origin: EventOrigin,
  eventId: string,
  sourceId: string,
  relationshipId: string,
  relationshipJson: string,
): string {
  return serializeCloudEvent(
    header(origin, eventId, type, relationshipSubject(sourceId, relationshipId)),
    relationshipJson,
  );
}

export function relationshipUpdateEvent(
  origin: EventOrigin,
  eventId: string,
  sourceId: string,
  relationshipId: string,
  data: UpdateEventData,
): string {
  return serializeCloudEvent(
    header(origin, eventId, cloudEventTypes.relationshipUpdate, relationshipSubject(sourceId, relationshipId)),
    serializeUpdateData(data),
  );
}

export interface TelemetryEventInput {
  readonly twinId: string;
  /** The component name for component telemetry. */
  readonly componentPath?: string;
  /** The `Message-Id` header. */
  readonly messageId: string;
  /** The model of the twin, or of the component's interface. */
  readonly dataschema: string;
  /** The posted body as JSON text. */
  readonly dataJson: string;
}

export function telemetryEvent(origin: EventOrigin, input: TelemetryEventInput): string {
  return serializeCloudEvent(
    {
      id: input.messageId,
      type: cloudEventTypes.telemetry,
      source: `${origin.source}/digitaltwins/${input.twinId}`,
      ...(input.componentPath === undefined ? {} : { subject: input.componentPath }),
      time: origin.time,
      dataschema: input.dataschema,
      traceparent: origin.traceparent,
    },
    input.dataJson,
  );
}

export function relationshipSubject(sourceId: string, relationshipId: string): string {
  return `${sourceId}/relationships/${relationshipId}`;
}

/** A change's event header, built as one literal: spreading the origin in costs several µs per event. */
function header(origin: EventOrigin, id: string, type: CloudEventType, subject: string): EventHeader {
  return { id, type, source: origin.source, subject, time: origin.time, traceparent: origin.traceparent };
}

function serializeUpdateData(data: UpdateEventData): string {
  return JSON.stringify({ modelId: data.modelId, patch: data.patch });
}
