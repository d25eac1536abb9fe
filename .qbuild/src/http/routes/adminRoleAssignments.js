import { assignmentNotFound, deleteRoleAssignment, putRoleAssignment } from "../../auth/accessAdmin.js";
const admin = { config: { skipApiVersion: true } };
function assignmentView(a) {
    return { id: a.id, principal: a.principal, role: a.role, scope: a.scope, source: a.source };
}
/** Role assignments: `GET /admin/roleassignments`, `GET/PUT/DELETE /admin/roleassignments/{id}`. */
export function adminRoleAssignmentRoutes(app, services) {
    const auth = services.auth;
    app.get("/admin/roleassignments", admin, async () => ({
        value: (await auth.access()).assignments.map(assignmentView),
        nextLink: null,
    }));
    app.get("/admin/roleassignments/:id", admin, async (request) => {
        const found = (await auth.access()).assignments.find((a) => a.id === request.params.id);
        if (!found)
            throw assignmentNotFound(request.params.id);
        return assignmentView(found);
    });
    app.put("/admin/roleassignments/:id", admin, async (request, reply) => {
        const { assignment, created } = await putRoleAssignment(auth.store, await auth.access(), request.params.id, request.body);
        auth.invalidate();
        return reply.code(created ? 201 : 200).send(assignmentView(assignment));
    });
    app.delete("/admin/roleassignments/:id", admin, async (request, reply) => {
        await deleteRoleAssignment(auth.store, await auth.access(), request.params.id);
        auth.invalidate();
        return reply.code(204).send();
    });
}
//# sourceMappingURL=adminRoleAssignments.js.map