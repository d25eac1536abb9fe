/** Counters per route and endpoint, rendered in the Prometheus text format by `renderMetrics`. */
export declare class DeliveryMetrics {
    private readonly counters;
    delivered(routeId: string, endpoint: string, count?: number): void;
    retried(routeId: string, endpoint: string, count?: number): void;
    deadLettered(routeId: string, endpoint: string, count?: number): void;
    filteredOut(routeId: string, endpoint: string, count?: number): void;
    entries(): [RouteKey, Counters][];
    private of;
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
    readonly routes: readonly {
        route: string;
        endpoint: string;
        lagEvents: number;
        lagSeconds: number;
    }[];
    readonly outboxLatestSeq: number;
    readonly deadLetters: number;
    readonly streams: number;
}
export declare function renderMetrics(metrics: DeliveryMetrics, gauges: DeliveryGauges): string;
