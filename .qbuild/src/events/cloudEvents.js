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
};
/** Serialises an event whose `data` is already JSON text. */
export function serializeCloudEvent(header, dataJson) {
    let text = `{"specversion":"1.0","id":${JSON.stringify(header.id)},"type":"${header.type}","source":${JSON.stringify(header.source)},"data":${dataJson}`;
    if (header.subject !== undefined)
        text += `,"subject":${JSON.stringify(header.subject)}`;
    text += `,"time":"${header.time}","datacontenttype":"application/json"`;
    if (header.dataschema !== undefined)
        text += `,"dataschema":${JSON.stringify(header.dataschema)}`;
    return `${text},"traceparent":${JSON.stringify(header.traceparent)}}`;
}
export function twinLifecycleEvent(type, origin, eventId, twinId, twinJson) {
    return serializeCloudEvent({ ...originFields(origin), id: eventId, type, subject: twinId }, twinJson);
}
export function twinUpdateEvent(origin, eventId, twinId, data) {
    return serializeCloudEvent({ ...originFields(origin), id: eventId, type: cloudEventTypes.twinUpdate, subject: twinId }, serializeUpdateData(data));
}
export function relationshipLifecycleEvent(type, origin, eventId, sourceId, relationshipId, relationshipJson) {
    return serializeCloudEvent({ ...originFields(origin), id: eventId, type, subject: relationshipSubject(sourceId, relationshipId) }, relationshipJson);
}
export function relationshipUpdateEvent(origin, eventId, sourceId, relationshipId, data) {
    return serializeCloudEvent({
        ...originFields(origin),
        id: eventId,
        type: cloudEventTypes.relationshipUpdate,
        subject: relationshipSubject(sourceId, relationshipId),
    }, serializeUpdateData(data));
}
export function telemetryEvent(origin, input) {
    return serializeCloudEvent({
        id: input.messageId,
        type: cloudEventTypes.telemetry,
        source: `${origin.source}/digitaltwins/${input.twinId}`,
        ...(input.componentPath === undefined ? {} : { subject: input.componentPath }),
        time: origin.time,
        dataschema: input.dataschema,
        traceparent: origin.traceparent,
    }, input.dataJson);
}
export function relationshipSubject(sourceId, relationshipId) {
    return `${sourceId}/relationships/${relationshipId}`;
}
function originFields(origin) {
    return { source: origin.source, time: origin.time, traceparent: origin.traceparent };
}
function serializeUpdateData(data) {
    return JSON.stringify({ modelId: data.modelId, patch: data.patch });
}
//# sourceMappingURL=cloudEvents.js.map