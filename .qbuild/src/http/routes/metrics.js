/** Prometheus scrape endpoint (text exposition format 0.0.4). */
export function metricsRoutes(app, services) {
    app.get("/metrics", { config: { skipApiVersion: true } }, async (_request, reply) => reply.header("content-type", "text/plain; version=0.0.4; charset=utf-8").send(await services.events.metricsText()));
}
//# sourceMappingURL=metrics.js.map