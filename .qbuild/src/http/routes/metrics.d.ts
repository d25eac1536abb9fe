import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/** Prometheus scrape endpoint (text exposition format 0.0.4). */
export declare function metricsRoutes(app: FastifyInstance, services: Services): void;
