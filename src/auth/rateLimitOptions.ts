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
  /**
   * Requests per second from one client address (an IPv4 address, or an IPv6 /64), counted
   * before authentication: a flood from one address is refused before it costs anything else.
   */
  readonly perIp: number;
  /**
   * Failed authentications per second from one client address. While its bucket is empty, the
   * address's requests that would need a signature check (a JWT not verified before) are refused
   * with 429 before checking, so bad tokens cannot buy JWT verification CPU without bound.
   */
  readonly perIpAuthFailures: number;
  /**
   * Open connections from one client address, per listener process; more are closed at once. 0: no
   * cap. Trusted proxies are exempt: they hold the connections of many clients.
   */
  readonly connectionsPerIp: number;
  /**
   * How often a node of a PostgreSQL cluster records that it is alive. Each node enforces the
   * per-principal and per-twin limits divided by the number of live nodes (`clusterShare.ts`).
   */
  readonly nodeHeartbeatMs: number;
}

export const defaultRateLimits: RateLimitOptions = {
  enabled: true,
  perPrincipal: {
    read: 10_000,
    patch: 10_000,
    createDelete: 5_000,
    query: 5_000,
    models: 1_000,
    eventRoutes: 1_000,
    jobs: 10,
    admin: 1_000,
  },
  perTwin: 100,
  burstSeconds: 2,
  perIp: 20_000,
  perIpAuthFailures: 20,
  connectionsPerIp: 512,
  nodeHeartbeatMs: 2000,
};
