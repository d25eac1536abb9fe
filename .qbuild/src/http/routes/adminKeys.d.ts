import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** API keys: `GET/POST /admin/keys`, `GET/DELETE /admin/keys/{id}` (DELETE revokes). */
export declare function adminKeyRoutes(app: FastifyInstance, services: Services): void;
