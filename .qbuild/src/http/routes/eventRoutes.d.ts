import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** ADT's Event Routes API: `GET /eventroutes`, `GET/PUT/DELETE /eventroutes/{id}`. */
export declare function eventRouteRoutes(app: FastifyInstance, services: Services): void;
