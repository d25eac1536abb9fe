import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** Role assignments: `GET /admin/roleassignments`, `GET/PUT/DELETE /admin/roleassignments/{id}`. */
export declare function adminRoleAssignmentRoutes(app: FastifyInstance, services: Services): void;
