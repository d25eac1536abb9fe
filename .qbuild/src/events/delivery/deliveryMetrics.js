/** Counters per route and endpoint, rendered in the Prometheus text format by `renderMetrics`. */
export class DeliveryMetrics {
    counters = new Map();
    delivered(routeId, endpoint, count = 1) {
        this.of(routeId, endpoint).delivered += count;
    }
    retried(routeId, endpoint, count = 1) {
        this.of(routeId, endpoint).retried += count;
    }
    deadLettered(routeId, endpoint, count = 1) {
        this.of(routeId, endpoint).deadLettered += count;
    }
    filteredOut(routeId, endpoint, count = 1) {
        this.of(routeId, endpoint).filteredOut += count;
    }
    entries() {
        return [...this.counters.entries()].map(([key, counters]) => [JSON.parse(key), counters]);
    }
    of(routeId, endpoint) {
        const key = JSON.stringify({ route: routeId, endpoint });
        let counters = this.counters.get(key);
        if (!counters) {
            counters = { delivered: 0, retried: 0, deadLettered: 0, filteredOut: 0 };
            this.counters.set(key, counters);
        }
        return counters;
    }
}
export function renderMetrics(metrics, gauges) {
    const lines = [];
    const entries = metrics.entries();
    const counter = (name, help, pick) => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
        for (const [key, counters] of entries)
            lines.push(`${name}${labels(key)} ${pick(counters)}`);
    };
    counter("doppel_events_delivered_total", "Events delivered to an endpoint and acknowledged.", (c) => c.delivered);
    counter("doppel_events_retried_total", "Failed delivery attempts that will be retried.", (c) => c.retried);
    counter("doppel_events_dead_lettered_total", "Events given up on and stored as dead letters.", (c) => c.deadLettered);
    counter("doppel_events_filtered_out_total", "Events a route's filter did not select.", (c) => c.filteredOut);
    const gauge = (name, help) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    gauge("doppel_events_route_lag_events", "Committed events a route has not handled yet.");
    for (const r of gauges.routes)
        lines.push(`doppel_events_route_lag_events${labels(r)} ${r.lagEvents}`);
    gauge("doppel_events_route_lag_seconds", "Age of the oldest committed event a route has not handled yet.");
    for (const r of gauges.routes)
        lines.push(`doppel_events_route_lag_seconds${labels(r)} ${r.lagSeconds}`);
    gauge("doppel_events_outbox_latest_seq", "The newest outbox sequence number.");
    lines.push(`doppel_events_outbox_latest_seq ${gauges.outboxLatestSeq}`);
    gauge("doppel_events_dead_letters", "Dead letters stored.");
    lines.push(`doppel_events_dead_letters ${gauges.deadLetters}`);
    gauge("doppel_events_streams", "Open live streams (SSE and WebSocket).");
    lines.push(`doppel_events_streams ${gauges.streams}`);
    return `${lines.join("\n")}\n`;
}
function labels(key) {
    return `{route="${escapeLabel(key.route)}",endpoint="${escapeLabel(key.endpoint)}"}`;
}
function escapeLabel(value) {
    return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
//# sourceMappingURL=deliveryMetrics.js.map