import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";

/** Prometheus scrape endpoint (text exposition format 0.0.4). */
export function metricsRoutes(app: FastifyInstance, services: Services): void {
  app.get("/metrics", { config: { skipApiVersion: true } }, async (_request, reply) =>
    reply.header("content-type", "text/plain; version=0.0.4; charset=utf-8").send(await services.events.metricsText()),
  );
}
