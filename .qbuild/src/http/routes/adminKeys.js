import { apiKeyNotFound, apiKeyView, createApiKey, revokeApiKey } from "../../auth/accessAdmin.js";
const admin = { config: { skipApiVersion: true } };
/** API keys: `GET/POST /admin/keys`, `GET/DELETE /admin/keys/{id}` (DELETE revokes). */
export function adminKeyRoutes(app, services) {
    const auth = services.auth;
    app.get("/admin/keys", admin, async () => {
        const access = await auth.access();
        return { value: [...access.apiKeys.values()].map(apiKeyView), nextLink: null };
    });
    app.post("/admin/keys", admin, async (request, reply) => {
        const created = await createApiKey(auth.store, request.body, request.access?.principal.id ?? "anonymous");
        auth.invalidate();
        return reply.code(201).send(created);
    });
    app.get("/admin/keys/:id", admin, async (request) => {
        const key = (await auth.access()).apiKeys.get(request.params.id);
        if (!key)
            throw apiKeyNotFound(request.params.id);
        return apiKeyView(key);
    });
    app.delete("/admin/keys/:id", admin, async (request, reply) => {
        await revokeApiKey(auth.store, request.params.id);
        auth.invalidate();
        return reply.code(204).send();
    });
}
//# sourceMappingURL=adminKeys.js.map