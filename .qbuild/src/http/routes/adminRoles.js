import { deleteRole, putRole, roleNotFound } from "../../auth/accessAdmin.js";
import { allDataActions, twinDataActions } from "../../auth/dataActions.js";
const admin = { config: { skipApiVersion: true } };
function roleView(role) {
    return {
        name: role.name,
        id: role.id,
        description: role.description,
        dataActions: role.dataActions,
        notDataActions: role.notDataActions,
        source: role.source,
    };
}
/** Roles: `GET /admin/roles`, `GET/PUT/DELETE /admin/roles/{name}`, and the action catalogue. */
export function adminRoleRoutes(app, services) {
    const auth = services.auth;
    app.get("/admin/actions", admin, async () => ({
        value: allDataActions.map((name) => ({ name, twinScoped: twinDataActions.has(name) })),
        nextLink: null,
    }));
    app.get("/admin/roles", admin, async () => ({
        value: (await auth.access()).roleList().map(roleView),
        nextLink: null,
    }));
    app.get("/admin/roles/:name", admin, async (request) => {
        const role = (await auth.access()).roles.get(request.params.name);
        if (!role)
            throw roleNotFound(request.params.name);
        return roleView(role);
    });
    app.put("/admin/roles/:name", admin, async (request, reply) => {
        const { role, created } = await putRole(auth.store, await auth.access(), request.params.name, request.body);
        auth.invalidate();
        return reply.code(created ? 201 : 200).send(roleView(role));
    });
    app.delete("/admin/roles/:name", admin, async (request, reply) => {
        await deleteRole(auth.store, await auth.access(), request.params.name);
        auth.invalidate();
        return reply.code(204).send();
    });
}
//# sourceMappingURL=adminRoles.js.map