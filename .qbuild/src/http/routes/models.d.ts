import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** The Models API: `POST/GET /models`, `GET/PATCH/DELETE /models/{id}`. */
export declare function modelRoutes(app: FastifyInstance, services: Services): void;
