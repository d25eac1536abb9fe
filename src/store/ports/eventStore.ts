import type { RouteLease } from "./clusterBus.js";

/** Persistence of event delivery: endpoints, routes, cursors, dead letters, and the outbox read side. Owned by `src/events`. */

export interface StoredEndpoint {
  readonly name: string;
  readonly kind: string;
  /** The full definition, credentials included (never returned by the API as is). */
  readonly definition: unknown;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface StoredRoute {
  readonly id: string;
  readonly endpointName: string;
  readonly filter: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One committed change, as the write path appended it. */
export interface OutboxRow {
  readonly seq: number;
  readonly twinId: string | null;
  readonly type: string;
  /** The CloudEvent as JSON text (structured mode, `data` inline). */
  readonly event: string;
  readonly createdAt: number;
}

export interface NewDeadLetter {
  readonly routeId: string;
  readonly endpointName: string;
  readonly seq: number;
  readonly twinId: string | null;
  readonly type: string;
  readonly event: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly firstAttemptAt: number;
}

export interface StoredDeadLetter extends NewDeadLetter {
  readonly id: number;
  readonly createdAt: number;
}

export interface EventStore {
  listEndpoints(): Promise<StoredEndpoint[]>;
  getEndpoint(name: string): Promise<StoredEndpoint | undefined>;
  /** Creates or replaces; answers whether it was created. */
  putEndpoint(name: string, kind: string, definition: unknown, now: number): Promise<{ created: boolean }>;
  deleteEndpoint(name: string): Promise<boolean>;
  /** The stored endpoints' names, in name order, without their definitions (counting needs no key). */
  listEndpointNames(): Promise<string[]>;
  /** Whether an endpoint of that name is stored, without reading its definition. */
  hasEndpoint(name: string): Promise<boolean>;
  /**
   * Replaces the stored definition of `name` with `definition` only if the row still holds
   * `expected` (the definition as `listEndpoints` or `getEndpoint` answered it), and answers
   * whether it did. For sealing credentials again under another key while other nodes may change
   * endpoints: a concurrent change wins (a deleted endpoint is not created again, a replaced one
   * is not overwritten). Kind and times are kept, `updatedAt` included: the endpoint is the same.
   */
  resealEndpoint(name: string, expected: unknown, definition: unknown): Promise<boolean>;

  listRoutes(): Promise<StoredRoute[]>;
  getRoute(id: string): Promise<StoredRoute | undefined>;
  /**
   * Creates or replaces a route. A new route's cursor starts at `startSeq` (so it delivers only
   * what commits after it exists); a replaced route keeps its cursor.
   */
  putRoute(route: { id: string; endpointName: string; filter: string }, startSeq: number, now: number): Promise<void>;
  /** Deletes the route and its cursor. */
  deleteRoute(id: string): Promise<boolean>;

  getCursor(routeId: string): Promise<number | undefined>;
  setCursor(routeId: string, seq: number): Promise<void>;

  /** Outbox rows with seq > afterSeq, oldest first. */
  readOutbox(afterSeq: number, limit: number): Promise<OutboxRow[]>;
  /** The newest seq (0 when the outbox was never written). */
  latestSeq(): Promise<number>;
  /** The oldest seq still in the outbox, if any. */
  oldestSeq(): Promise<number | undefined>;
  /** Removes rows with seq <= upToSeq created before `createdBefore`; answers how many. */
  trimOutbox(upToSeq: number, createdBefore: number): Promise<number>;

  addDeadLetter(letter: NewDeadLetter, now: number): Promise<number>;
  /** Oldest first, ids > afterId, optionally of one endpoint. */
  listDeadLetters(options: { afterId: number; limit: number; endpointName?: string }): Promise<StoredDeadLetter[]>;
  getDeadLetter(id: number): Promise<StoredDeadLetter | undefined>;
  deleteDeadLetter(id: number): Promise<boolean>;
  /** All dead letters, or those of one endpoint. */
  countDeadLetters(endpointName?: string): Promise<number>;

  /**
   * Stores shared by several processes (PostgreSQL) lease each route to one of them: resolves once
   * this process may deliver the route, or null when `signal` aborts first. Absent: the one
   * process delivers every route.
   */
  claimRoute?(routeId: string, signal: AbortSignal): Promise<RouteLease | null>;
}
