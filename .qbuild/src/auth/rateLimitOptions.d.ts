/** The buckets a route draws from; each principal has one bucket per class. */
export type RateClass = "read" | "patch" | "createDelete" | "query" | "models" | "eventRoutes" | "jobs" | "admin";
export interface RateLimitOptions {
    /** Off by default in mode `none` (a loopback developer server), on otherwise. */
    readonly enabled: boolean;
    /** Requests per second per principal and class: ten times ADT's instance-wide limits. */
    readonly perPrincipal: Readonly<Record<RateClass, number>>;
    /** Create/update/delete operations per second on one twin and its relationships (ADT: 10). */
    readonly perTwin: number;
    /** A bucket holds this many seconds' worth of requests, so short bursts pass. */
    readonly burstSeconds: number;
}
export declare const defaultRateLimits: RateLimitOptions;
