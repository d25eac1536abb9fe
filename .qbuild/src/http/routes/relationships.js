import { parseIfMatch, parseIfNoneMatch } from "../../graph/etag.js";
import { changeOrigin, headerOf, linkBase, queryOf, sendJson } from "./twins.js";
/**
 * Relationships: `PUT/GET/PATCH/DELETE /digitaltwins/{id}/relationships/{relationshipId}`,
 * `GET /digitaltwins/{id}/relationships[?relationshipName=]` and
 * `GET /digitaltwins/{id}/incomingrelationships`, paged with absolute `nextLink`s.
 */
export function relationshipRoutes(app, services) {
    const graph = services.graph;
    app.get("/digitaltwins/:id/relationships/:relationshipId", async (request, reply) => {
        const relationship = await graph.getRelationship(request.params.id, request.params.relationshipId);
        return sendJson(reply, 200, relationship.doc, relationship.etag);
    });
    app.put("/digitaltwins/:id/relationships/:relationshipId", async (request, reply) => {
        const ifNoneMatch = parseIfNoneMatch(headerOf(request, "if-none-match"));
        const { id, relationshipId } = request.params;
        const written = await graph.putRelationship(changeOrigin(request), id, relationshipId, request.body, {
            ifNoneMatch,
        });
        return sendJson(reply, 200, written.json, written.etag);
    });
    app.patch("/digitaltwins/:id/relationships/:relationshipId", async (request, reply) => {
        const ifMatch = parseIfMatch(headerOf(request, "if-match"));
        const { id, relationshipId } = request.params;
        const { etag } = await graph.patchRelationship(changeOrigin(request), id, relationshipId, request.body, {
            ifMatch,
        });
        return reply.code(204).header("etag", etag).send();
    });
    app.delete("/digitaltwins/:id/relationships/:relationshipId", async (request, reply) => {
        const ifMatch = parseIfMatch(headerOf(request, "if-match"));
        await graph.deleteRelationship(changeOrigin(request), request.params.id, request.params.relationshipId, {
            ifMatch,
        });
        return reply.code(204).send();
    });
    app.get("/digitaltwins/:id/relationships", async (request, reply) => {
        const name = queryOf(request, "relationshipName");
        const token = queryOf(request, "continuationToken");
        const page = await graph.listRelationships(request.params.id, {
            ...(name === undefined || name === "" ? {} : { name }),
            ...(token === undefined ? {} : { token }),
        });
        const next = page.next === undefined ? null : pageLink(request, "relationships", page.next);
        const values = page.items.map((relationship) => relationship.doc).join(",");
        return sendJson(reply, 200, `{"nextLink":${JSON.stringify(next)},"value":[${values}]}`);
    });
    app.get("/digitaltwins/:id/incomingrelationships", async (request, reply) => {
        const token = queryOf(request, "continuationToken");
        const page = await graph.listIncoming(request.params.id, token === undefined ? {} : { token });
        const next = page.next === undefined ? null : pageLink(request, "incomingrelationships", page.next);
        const values = page.items.map((row) => JSON.stringify(incomingItem(request, row))).join(",");
        return sendJson(reply, 200, `{"nextLink":${JSON.stringify(next)},"value":[${values}]}`);
    });
}
function pageLink(request, list, token) {
    const twin = encodeURIComponent(request.params.id);
    return `${linkBase(request)}/digitaltwins/${twin}/${list}?continuationToken=${token}&api-version=${request.apiVersion}`;
}
function incomingItem(request, row) {
    const link = `${linkBase(request)}/digitaltwins/${encodeURIComponent(row.sourceId)}/relationships/${encodeURIComponent(row.id)}?api-version=${request.apiVersion}`;
    return {
        $relationshipId: row.id,
        $sourceId: row.sourceId,
        $relationshipName: row.name,
        $relationshipLink: link,
    };
}
//# sourceMappingURL=relationships.js.map