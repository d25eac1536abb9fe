/**
 * The CloudEvents (1.0, structured JSON) that every change to the graph appends to the outbox,
 * in the shapes Azure Digital Twins emits. Builders return JSON text: the twin or relationship
 * document is spliced in as already-serialised JSON, so the write path never serialises it twice.
 */
export declare const cloudEventTypes: {
    readonly twinCreate: "Microsoft.DigitalTwins.Twin.Create";
    readonly twinUpdate: "Microsoft.DigitalTwins.Twin.Update";
    readonly twinDelete: "Microsoft.DigitalTwins.Twin.Delete";
    readonly relationshipCreate: "Microsoft.DigitalTwins.Relationship.Create";
    readonly relationshipUpdate: "Microsoft.DigitalTwins.Relationship.Update";
    readonly relationshipDelete: "Microsoft.DigitalTwins.Relationship.Delete";
    /** Lower-case, as ADT spells it. */
    readonly telemetry: "microsoft.iot.telemetry";
};
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
export declare function serializeCloudEvent(header: EventHeader, dataJson: string): string;
export declare function twinLifecycleEvent(type: typeof cloudEventTypes.twinCreate | typeof cloudEventTypes.twinDelete, origin: EventOrigin, eventId: string, twinId: string, twinJson: string): string;
export declare function twinUpdateEvent(origin: EventOrigin, eventId: string, twinId: string, data: UpdateEventData): string;
export declare function relationshipLifecycleEvent(type: typeof cloudEventTypes.relationshipCreate | typeof cloudEventTypes.relationshipDelete, origin: EventOrigin, eventId: string, sourceId: string, relationshipId: string, relationshipJson: string): string;
export declare function relationshipUpdateEvent(origin: EventOrigin, eventId: string, sourceId: string, relationshipId: string, data: UpdateEventData): string;
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
export declare function telemetryEvent(origin: EventOrigin, input: TelemetryEventInput): string;
export declare function relationshipSubject(sourceId: string, relationshipId: string): string;
