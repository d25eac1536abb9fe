import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/**
 * Live streams of committed events, selected by a route filter: Server-Sent Events at
 * `GET /events/stream?filter=…` and a WebSocket at `/events/ws?filter=…`. Each event carries its
 * outbox seq (SSE `id:`), so a client resumes with `Last-Event-ID` (or `?lastEventId=`) and gets
 * everything committed after it, within the outbox retention window.
 */
export declare function streamRoutes(app: FastifyInstance, services: Services): void;
