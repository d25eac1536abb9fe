import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** Roles: `GET /admin/roles`, `GET/PUT/DELETE /admin/roles/{name}`, and the action catalogue. */
export declare function adminRoleRoutes(app: FastifyInstance, services: Services): void;
