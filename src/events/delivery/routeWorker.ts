import type { RouteLease } from "../../store/ports/clusterBus.js";
import type { EventStore } from "../../store/ports/eventStore.js";
import { defaultRetryPolicy, type RetryPolicy } from "../endpoints/endpointDefinition.js";
import type { CompiledFilter } from "../filter/compileFilter.js";
import { backoffDelay } from "./backoff.js";
import { type DeliveryEvent, toDeliveryEvent } from "./deliveryEvent.js";
import type { DeliveryMetrics } from "./deliveryMetrics.js";
import type { EndpointHealth } from "./endpointHealth.js";
import type { SinkRegistry } from "./sinkRegistry.js";
import { Wakeup } from "./wakeup.js";

export interface ActiveRoute {
  readonly id: string;
  readonly endpointName: string;
  readonly filter: CompiledFilter;
}

export interface WorkerContext {
  readonly store: EventStore;
  readonly sinks: SinkRegistry;
  readonly metrics: DeliveryMetrics;
  /** Told the outcome of every attempt, for the endpoints' delivery status. */
  readonly health?: EndpointHealth;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /**
   * How often a busy route persists its cursor. A cursor that lags only means redelivery after a
   * crash (still at least once); writing it per batch would cost an fsync per batch.
   */
  readonly cursorSaveIntervalMs: number;
  readonly now: () => number;
  readonly log: (message: string, error?: unknown) => void;
}

interface Pending {
  readonly event: DeliveryEvent;
  attempts: number;
  firstAttemptAt: number;
  lastError: string;
}

/**
 * Delivers one route: reads the outbox from the route's persisted cursor, filters, hands
 * matching events to the endpoint's sink, and moves the cursor only past events that were
 * delivered or dead-lettered — so every committed event reaches the endpoint at least once, also
 * across crashes. A route waits on its own endpoint only: each route is its own loop.
 */
export class RouteWorker {
  private route: ActiveRoute;
  private stopped = false;
  private readonly newEvents = new Wakeup();
  private readonly retryNow = new Wakeup();
  private loop: Promise<void> | undefined;
  /** The last seq this route has handled (delivered, filtered out or dead-lettered). */
  cursor = 0;
  /** Events of the current batch still to deliver, for the lag gauge. */
  pendingCount = 0;
  private savedCursor = -1;
  private savedAt = 0;
  /** Aborted by `stop()`: ends a wait for the route's lease. */
  private readonly stopping = new AbortController();
  /** Held while delivering when the store leases routes to one node of a cluster. */
  private lease: RouteLease | undefined;

  constructor(
    route: ActiveRoute,
    private readonly context: WorkerContext,
  ) {
    this.route = route;
  }

  get id(): string {
    return this.route.id;
  }

  get endpointName(): string {
    return this.route.endpointName;
  }

  /** Whether this process delivers the route now (its cursor is loaded and, in a cluster, it holds the lease). */
  get delivering(): boolean {
    return this.savedCursor >= 0 && (!this.context.store.claimRoute || this.lease !== undefined);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** New events were committed. */
  wake(): void {
    this.newEvents.wake();
  }

  /** The route's filter or endpoint changed; takes effect from the next batch. */
  update(route: ActiveRoute): void {
    this.route = route;
    this.retryNow.wake();
  }

  /** The endpoint's definition changed: retry what is waiting now rather than after the backoff. */
  nudge(): void {
    this.retryNow.wake();
  }

  /** Stops; `persist` saves the cursor reached (not for a deleted route: that would resurrect it). */
  async stop(persist = true): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.newEvents.wake();
    this.retryNow.wake();
    await this.loop;
    if (persist && this.savedCursor >= 0 && this.cursor > this.savedCursor) {
      await this.context.store.setCursor(this.route.id, this.cursor).catch(() => undefined);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const lease = await this.claimLease();
      if (lease === null) return;
      try {
        await this.runOnce();
      } catch (error) {
        if (this.stopped) return;
        this.context.log(`event route '${this.route.id}': delivery loop failed; restarting`, error);
        await this.retryNow.wait(1000);
      } finally {
        this.lease = undefined;
        lease?.release();
      }
    }
  }

  /**
   * In a cluster one node at a time delivers a route: waits for its lease (`EventStore.claimRoute`).
   * Undefined when the store does not lease routes; null when stopped while waiting.
   */
  private async claimLease(): Promise<RouteLease | null | undefined> {
    if (!this.context.store.claimRoute) return undefined;
    const lease = await this.context.store.claimRoute(this.route.id, this.stopping.signal);
    if (lease === null) return null;
    this.lease = lease;
    lease.lost.addEventListener(
      "abort",
      () => {
        this.newEvents.wake();
        this.retryNow.wake();
      },
      { once: true },
    );
    return lease;
  }

  private async runOnce(): Promise<void> {
    const { store } = this.context;
    this.cursor = (await store.getCursor(this.route.id)) ?? (await store.latestSeq());
    this.savedCursor = this.cursor;
    let rows = await store.readOutbox(this.cursor, this.context.batchSize);
    while (!this.stopped && !this.lease?.lost.aborted) {
      if (rows.length === 0) {
        // Idle saves are rate-limited like busy ones: under a steady trickle of commits a route
        // is idle after every small batch, and a save per batch is a synchronous fsync per batch
        // on the event loop (2–20 ms each) — delaying deliveries and the API alike.
        await this.saveCursor(false);
        await this.newEvents.wait(this.idleWaitMs());
        rows = await store.readOutbox(this.cursor, this.context.batchSize);
        continue;
      }
      const route = this.route;
      const events = rows.map(toDeliveryEvent);
      const matching = selectMatching(route.filter, events);
      if (matching.length < events.length) {
        this.context.metrics.filteredOut(route.id, route.endpointName, events.length - matching.length);
      }
      const delivering = matching.length === 0 ? Promise.resolve(true) : this.deliver(matching);
      // Read the next batch while this one is on the wire (after a tick, so the sends went out first).
      const lastSeq = rows[rows.length - 1]!.seq;
      const next = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        store.readOutbox(lastSeq, this.context.batchSize),
      );
      next.catch(() => undefined);
      const complete = await delivering;
      // A stopped worker's route may be gone: writing its cursor would resurrect it.
      if (!complete || this.stopped) return;
      this.cursor = lastSeq;
      await this.saveCursor(false);
      rows = await next;
    }
  }

  /** How long an idle route sleeps: until the next poll, or until an unsaved cursor is due to be saved. */
  private idleWaitMs(): number {
    const { pollIntervalMs, cursorSaveIntervalMs } = this.context;
    if (this.cursor === this.savedCursor) return pollIntervalMs;
    return Math.min(pollIntervalMs, Math.max(0, this.savedAt + cursorSaveIntervalMs - this.context.now()));
  }

  private async saveCursor(force: boolean): Promise<void> {
    if (this.cursor === this.savedCursor || this.stopped) return;
    const time = this.context.now();
    if (!force && time - this.savedAt < this.context.cursorSaveIntervalMs) return;
    await this.context.store.setCursor(this.route.id, this.cursor);
    this.savedCursor = this.cursor;
    this.savedAt = time;
  }

  /** Delivers until every event is acknowledged or dead-lettered; false when stopped first. */
  private async deliver(events: readonly DeliveryEvent[]): Promise<boolean> {
    let pending: Pending[] = events.map((event) => ({ event, attempts: 0, firstAttemptAt: 0, lastError: "" }));
    while (pending.length > 0) {
      if (this.stopped || this.lease?.lost.aborted) return false;
      this.pendingCount = pending.length;
      // The route as it is now: re-pointing it at another endpoint redirects what is waiting.
      const route = this.route;
      pending = await this.attempt(route, pending);
      this.pendingCount = pending.length;
      if (pending.length === 0) break;
      // Persist progress so a crash redelivers as little as possible.
      const firstPending = pending[0]!.event.seq;
      if (firstPending - 1 > this.cursor && !this.stopped) {
        this.cursor = firstPending - 1;
        await this.saveCursor(true);
      }
      const policy = this.policyOf(route);
      const attempts = Math.max(...pending.map((p) => p.attempts));
      await this.retryNow.wait(backoffDelay(policy, attempts));
    }
    return !this.stopped || pending.length === 0;
  }

  /** One round: sends the pending events, answers those still to retry (in order). */
  private async attempt(route: ActiveRoute, pending: Pending[]): Promise<Pending[]> {
    const { sinks, metrics, now } = this.context;
    const target = sinks.get(route.endpointName);
    const outcomes = target
      ? await target.sink.send(pending.map((p) => p.event))
      : pending.map(() => ({ ok: false as const, error: `endpoint '${route.endpointName}' does not exist` }));
    // Sinks closed under a stopping worker fail their sends: that is no verdict on the events.
    if (this.stopped) return pending;
    const policy = this.policyOf(route);
    const time = now();
    const retry: Pending[] = [];
    let firstError: string | undefined;
    let deadLettered = 0;
    let deliveredCount = 0;
    // A twin whose earlier event is being retried: its later events must follow that one, even
    // if they got through this round (they are resent; at-least-once allows the duplicate).
    const blockedTwins = new Set<string | null>();
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!;
      const outcome = outcomes[i] ?? { ok: false as const, error: "no outcome" };
      if (outcome.ok && !blockedTwins.has(p.event.twinId)) {
        deliveredCount++;
        continue;
      }
      if (outcome.ok) {
        retry.push(p);
        continue;
      }
      p.attempts++;
      if (p.firstAttemptAt === 0) p.firstAttemptAt = time;
      p.lastError = outcome.error;
      firstError ??= outcome.error;
      if (p.attempts >= policy.maxAttempts || time - p.firstAttemptAt >= policy.maxAgeMs) {
        await this.deadLetter(route, p, time);
        deadLettered++;
        continue;
      }
      metrics.retried(route.id, route.endpointName);
      blockedTwins.add(p.event.twinId);
      retry.push(p);
    }
    if (deliveredCount > 0) metrics.delivered(route.id, route.endpointName, deliveredCount);
    this.context.health?.attempted(
      route.endpointName,
      { delivered: deliveredCount, deadLettered, ...(firstError === undefined ? {} : { error: firstError }) },
      time,
    );
    return retry;
  }

  private async deadLetter(route: ActiveRoute, p: Pending, time: number): Promise<void> {
    await this.context.store.addDeadLetter(
      {
        routeId: route.id,
        endpointName: route.endpointName,
        seq: p.event.seq,
        twinId: p.event.twinId,
        type: p.event.type,
        event: p.event.raw,
        attempts: p.attempts,
        lastError: p.lastError,
        firstAttemptAt: p.firstAttemptAt,
      },
      time,
    );
    this.context.metrics.deadLettered(route.id, route.endpointName);
    this.context.log(
      `event route '${route.id}': event ${p.event.seq} dead-lettered after ${p.attempts} attempts: ${p.lastError}`,
    );
  }

  private policyOf(route: ActiveRoute): RetryPolicy {
    return this.context.sinks.definition(route.endpointName)?.retry ?? defaultRetryPolicy;
  }
}

function selectMatching(filter: CompiledFilter, events: DeliveryEvent[]): DeliveryEvent[] {
  if (filter.matchesAll) return events;
  if (filter.matchesNothing) return [];
  return events.filter((e) => filter.matches(e.event()));
}
