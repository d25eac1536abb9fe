import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/**
 * `POST /digitaltwins/{id}/telemetry` and `POST /digitaltwins/{id}/components/{path}/telemetry`:
 * `Message-Id` required (it becomes the event id), `Telemetry-Source-Time` optional (the event
 * time), any JSON body, 204. Nothing is stored but the event in the outbox.
 */
export declare function telemetryRoutes(app: FastifyInstance, services: Services): void;
