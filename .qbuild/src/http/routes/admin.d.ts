import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** Our own administration API for access control (no api-version; see docs/security.md). */
export declare function adminRoutes(app: FastifyInstance, services: Services): void;
