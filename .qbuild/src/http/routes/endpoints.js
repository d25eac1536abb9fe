const admin = { config: { skipApiVersion: true } };
/**
 * Our endpoint management API (ADT manages endpoints in the control plane): PUT creates or
 * replaces (201/200), PATCH merges (JSON Merge Patch), DELETE refuses while a route uses the
 * endpoint. Answers never carry credentials.
 */
export function endpointRoutes(app, services) {
    const events = services.events;
    app.get("/admin/endpoints", admin, async () => ({ value: await events.listEndpoints(), nextLink: null }));
    app.get("/admin/endpoints/:name", admin, async (request) => events.getEndpoint(request.params.name));
    app.put("/admin/endpoints/:name", admin, async (request, reply) => {
        const { created, endpoint } = await events.putEndpoint(request.params.name, request.body);
        return reply.code(created ? 201 : 200).send(endpoint);
    });
    app.patch("/admin/endpoints/:name", admin, async (request) => events.patchEndpoint(request.params.name, request.body));
    app.delete("/admin/endpoints/:name", admin, async (request, reply) => {
        await events.deleteEndpoint(request.params.name);
        return reply.code(204).send();
    });
}
//# sourceMappingURL=endpoints.js.map