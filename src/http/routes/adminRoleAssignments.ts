import type { FastifyInstance } from "fastify";
import { assignmentNotFound, deleteRoleAssignment, putRoleAssignment } from "../../auth/accessAdmin.js";
import type { RoleAssignment } from "../../auth/roleAssignment.js";
import type { Services } from "../services.js";

interface IdParams {
  id: string;
}

const admin = { config: { skipApiVersion: true } };

function assignmentView(a: RoleAssignment) {
  return { id: a.id, principal: a.principal, role: a.role, scope: a.scope, source: a.source };
}

/** Role assignments: `GET /admin/roleassignments`, `GET/PUT/DELETE /admin/roleassignments/{id}`. */
export function adminRoleAssignmentRoutes(app: FastifyInstance, services: Services): void {
  const auth = services.auth;

  app.get("/admin/roleassignments", admin, async () => ({
    value: (await auth.access()).assignments.map(assignmentView),
    nextLink: null,
  }));

  app.get<{ Params: IdParams }>("/admin/roleassignments/:id", admin, async (request) => {
    const found = (await auth.access()).assignments.find((a) => a.id === request.params.id);
    if (!found) throw assignmentNotFound(request.params.id);
    return assignmentView(found);
  });

  app.put<{ Params: IdParams }>("/admin/roleassignments/:id", admin, async (request, reply) => {
    const { assignment, created } = await putRoleAssignment(
      auth.store,
      await auth.access(),
      request.params.id,
      request.body,
    );
    auth.invalidate();
    return reply.code(created ? 201 : 200).send(assignmentView(assignment));
  });

  app.delete<{ Params: IdParams }>("/admin/roleassignments/:id", admin, async (request, reply) => {
    await deleteRoleAssignment(auth.store, await auth.access(), request.params.id);
    auth.invalidate();
    return reply.code(204).send();
  });
}
