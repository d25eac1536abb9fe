/** Counters per route and endpoint, rendered in the Prometheus text format by `renderMetrics`. */
export class DeliveryMetrics {
  private readonly counters = new Map<string, Counters>();

  delivered(routeId: string, endpoint: string, count = 1): void {
    this.of(routeId, endpoint).delivered += count;
  }

  retried(routeId: string, endpoint: string, count = 1): void {
    this.of(routeId, endpoint).retried += count;
  }

  deadLettered(routeId: string, endpoint: string, count = 1): void {
    this.of(routeId, endpoint).deadLettered += count;
  }

  filteredOut(routeId: string, endpoint: string, count = 1): void {
    this.of(routeId, endpoint).filteredOut += count;
  }

  entries(): [RouteKey, Counters][] {
    return [...this.counters.entries()].map(([key, counters]) => [JSON.parse(key) as RouteKey, counters]);
  }

  private of(routeId: string, endpoint: string): Counters {
    const key = JSON.stringify({ route: routeId, endpoint });
    let counters = this.counters.get(key);
    if (!counters) {
      counters = { delivered: 0, retried: 0, deadLettered: 0, filteredOut: 0 };
      this.counters.set(key, counters);
    }
    return counters;
  }
}

export interface RouteKey {
  readonly route: string;
  readonly endpoint: string;
}

export interface Counters {
  delivered: number;
  retried: number;
  deadLettered: number;
  filteredOut: number;
}

/** What `/metrics` shows beside the counters, measured at scrape time. */
export interface DeliveryGauges {
  readonly routes: readonly { route: string; endpoint: string; lagEvents: number; lagSeconds: number }[];
  readonly outboxLatestSeq: number;
  readonly deadLetters: number;
  readonly streams: number;
}

export function renderMetrics(metrics: DeliveryMetrics, gauges: DeliveryGauges): string {
  const lines: string[] = [];
  const entries = metrics.entries();
  const counter = (name: string, help: string, pick: (c: Counters) => number) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const [key, counters] of entries) lines.push(`${name}${labels(key)} ${pick(counters)}`);
  };
  counter("doppel_events_delivered_total", "Events delivered to an endpoint and acknowledged.", (c) => c.delivered);
  counter("doppel_events_retried_total", "Failed delivery attempts that will be retried.", (c) => c.retried);
  counter("doppel_events_dead_lettered_total", "Events given up on and stored as dead letters.", (c) => c.deadLettered);
  counter("doppel_events_filtered_out_total", "Events a route's filter did not select.", (c) => c.filteredOut);
  const gauge = (name: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
  gauge("doppel_events_route_lag_events", "Committed events a route has not handled yet.");
  for (const r of gauges.routes) lines.push(`doppel_events_route_lag_events${labels(r)} ${r.lagEvents}`);
  gauge("doppel_events_route_lag_seconds", "Age of the oldest committed event a route has not handled yet.");
  for (const r of gauges.routes) lines.push(`doppel_events_route_lag_seconds${labels(r)} ${r.lagSeconds}`);
  gauge("doppel_events_outbox_latest_seq", "The newest outbox sequence number.");
  lines.push(`doppel_events_outbox_latest_seq ${gauges.outboxLatestSeq}`);
  gauge("doppel_events_dead_letters", "Dead letters stored.");
  lines.push(`doppel_events_dead_letters ${gauges.deadLetters}`);
  gauge("doppel_events_streams", "Open live streams (SSE and WebSocket).");
  lines.push(`doppel_events_streams ${gauges.streams}`);
  return `${lines.join("\n")}\n`;
}

function labels(key: RouteKey): string {
  return `{route="${escapeLabel(key.route)}",endpoint="${escapeLabel(key.endpoint)}"}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
