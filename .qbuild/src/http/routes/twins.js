import { DoppelError } from "../../errors/catalogue.js";
import { parseIfMatch, parseIfNoneMatch } from "../../graph/etag.js";
import { resolveTraceparent } from "../../graph/traceparent.js";
import { componentJsonForVersion, twinJsonForVersion } from "../../graph/twinDocument.js";
/**
 * Twins and components: `GET/PUT/PATCH/DELETE /digitaltwins/{id}` and
 * `GET/PATCH /digitaltwins/{id}/components/{componentPath}`. Extension:
 * `DELETE /digitaltwins/{id}?deleteRelationships=true` deletes the twin with all its incoming and
 * outgoing relationships in one transaction (emitting their delete events too).
 */
export function twinRoutes(app, services) {
    const graph = services.graph;
    app.get("/digitaltwins/:id", async (request, reply) => {
        const twin = await graph.getTwin(request.params.id);
        return sendJson(reply, 200, twinJsonForVersion(twin.doc, request.apiVersion), twin.etag);
    });
    app.put("/digitaltwins/:id", async (request, reply) => {
        const ifNoneMatch = parseIfNoneMatch(headerOf(request, "if-none-match"));
        const written = await graph.putTwin(changeOrigin(request), request.params.id, request.body, { ifNoneMatch });
        return sendJson(reply, 200, twinJsonForVersion(written.json, request.apiVersion), written.etag);
    });
    app.patch("/digitaltwins/:id", async (request, reply) => {
        const ifMatch = parseIfMatch(headerOf(request, "if-match"));
        const { etag } = await graph.patchTwin(changeOrigin(request), request.params.id, request.body, { ifMatch });
        return reply.code(204).header("etag", etag).send();
    });
    app.delete("/digitaltwins/:id", async (request, reply) => {
        const ifMatch = parseIfMatch(headerOf(request, "if-match"));
        const deleteRelationships = booleanQuery(request, "deleteRelationships");
        await graph.deleteTwin(changeOrigin(request), request.params.id, { ifMatch, deleteRelationships });
        return reply.code(204).send();
    });
    app.get("/digitaltwins/:id/components/:componentPath", async (request, reply) => {
        const { etag, component } = await graph.getComponent(request.params.id, request.params.componentPath);
        return sendJson(reply, 200, componentJsonForVersion(component, request.apiVersion), etag);
    });
    app.patch("/digitaltwins/:id/components/:componentPath", async (request, reply) => {
        const ifMatch = parseIfMatch(headerOf(request, "if-match"));
        const { id, componentPath } = request.params;
        const { etag } = await graph.patchComponent(changeOrigin(request), id, componentPath, request.body, { ifMatch });
        return reply.code(204).header("etag", etag).send();
    });
}
/** The origin a request gives its events: the host it was sent to and its trace context. */
export function changeOrigin(request) {
    return { source: request.host, traceparent: resolveTraceparent(headerOf(request, "traceparent")) };
}
export function headerOf(request, name) {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
}
/** A JSON text answered as is (documents are stored as the JSON GET returns). */
export function sendJson(reply, status, json, etag) {
    reply.code(status).header("content-type", "application/json; charset=utf-8");
    if (etag !== undefined)
        reply.header("etag", etag);
    return reply.send(json);
}
/** One query parameter (the first when repeated). */
export function queryOf(request, name) {
    const value = request.query[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first : undefined;
}
function booleanQuery(request, name) {
    const value = queryOf(request, name);
    if (value === undefined)
        return false;
    const lower = value.toLowerCase();
    if (lower === "true")
        return true;
    if (lower === "false")
        return false;
    throw new DoppelError("InvalidArgument", `The query parameter ${name} must be true or false, not '${value}'.`);
}
/**
 * Where links in answers point: absolute `https://<host>` over TLS (the SDK follows only https
 * links), a relative path over plain HTTP (which the SDK reaches only through a rewriting proxy).
 */
export function linkBase(request) {
    return request.protocol === "https" ? `https://${request.host}` : "";
}
//# sourceMappingURL=twins.js.map