import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** The audit log (`GET /admin/audit`) and `GET /admin/whoami`. */
export declare function adminAuditRoutes(app: FastifyInstance, services: Services): void;
