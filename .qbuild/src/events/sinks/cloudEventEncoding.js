/** CloudEvents HTTP binding, structured mode: the event as committed. */
export function encodeStructured(e) {
    return { body: e.raw, contentType: "application/cloudevents+json; charset=utf-8", headers: {} };
}
/** CloudEvents HTTP binding, binary mode: attributes as `ce-` headers, `data` as the body. */
export function encodeBinary(e) {
    const event = e.event();
    const headers = {};
    for (const [name, value] of Object.entries(event)) {
        if (name === "data" || name === "data_base64" || name === "datacontenttype")
            continue;
        if (value === undefined || value === null)
            continue;
        headers[`ce-${name}`] = encodeHeaderValue(typeof value === "string" ? value : JSON.stringify(value));
    }
    return {
        body: dataText(event.data),
        contentType: typeof event.datacontenttype === "string" ? event.datacontenttype : "application/json",
        headers,
    };
}
/** Event Grid's own schema, as ADT sends it to an Event Grid topic configured for it (an array of one). */
export function encodeEventGrid(e) {
    const event = e.event();
    const data = {
        data: event.data,
        contenttype: event.datacontenttype ?? "application/json",
        traceparent: event.traceparent ?? "",
    };
    if (event.dataschema !== undefined)
        data.dataschema = event.dataschema;
    const body = [
        {
            id: event.id,
            subject: event.subject ?? "",
            data,
            eventType: event.type,
            dataVersion: "1.0",
            metadataVersion: "1",
            eventTime: typeof event.time === "string" ? event.time : "0001-01-01T00:00:00Z",
            topic: event.source ?? "",
        },
    ];
    return { body: JSON.stringify(body), contentType: "application/json; charset=utf-8", headers: {} };
}
/**
 * CloudEvents AMQP binding (as ADT sends to Event Hubs / Service Bus): attributes as application
 * properties prefixed `cloudEvents:`, `data` as the body.
 */
export function encodeAmqp(e) {
    const event = e.event();
    const headers = {};
    for (const [name, value] of Object.entries(event)) {
        if (name === "data" || name === "data_base64" || name === "datacontenttype")
            continue;
        if (value === undefined || value === null)
            continue;
        headers[`cloudEvents:${name}`] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return {
        body: dataText(event.data),
        contentType: typeof event.datacontenttype === "string" ? event.datacontenttype : "application/json",
        headers,
    };
}
function dataText(data) {
    return data === undefined ? "" : JSON.stringify(data);
}
/** The HTTP binding percent-encodes space, `"`, `%` and anything outside printable ASCII. */
function encodeHeaderValue(value) {
    let out = "";
    for (const ch of value) {
        const code = ch.codePointAt(0);
        if (code > 0x20 && code < 0x7f && ch !== '"' && ch !== "%")
            out += ch;
        else
            out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
    return out.replace(/ /g, "%20");
}
//# sourceMappingURL=cloudEventEncoding.js.map