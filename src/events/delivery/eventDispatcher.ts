import type { EventStore, StoredRoute } from "../../store/ports/eventStore.js";
import type { EndpointDefinition } from "../endpoints/endpointDefinition.js";
import { compileFilter } from "../filter/compileFilter.js";
import type { DeliveryMetrics } from "./deliveryMetrics.js";
import { EndpointHealth } from "./endpointHealth.js";
import { RouteWorker, type WorkerContext } from "./routeWorker.js";
import { SinkRegistry } from "./sinkRegistry.js";

export interface DispatcherOptions {
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly cursorSaveIntervalMs: number;
  readonly retentionMs: number;
  readonly trimIntervalMs: number;
  readonly now: () => number;
  readonly log: (message: string, error?: unknown) => void;
}

/**
 * Runs one RouteWorker per route over shared sinks, wakes them on commit (`notify`) with polling
 * as the fallback, and trims the outbox behind the slowest route once the retention window has
 * passed.
 */
export class EventDispatcher {
  readonly sinks = new SinkRegistry();
  /** The latest delivery outcomes per endpoint (`endpoints/endpointStatus.ts` shows them). */
  readonly health = new EndpointHealth();
  private readonly workers = new Map<string, RouteWorker>();
  /** Workers of deleted routes finishing an in-flight send (which may hang until its timeout). */
  private readonly stopping = new Set<Promise<void>>();
  private trimTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly store: EventStore,
    private readonly metrics: DeliveryMetrics,
    private readonly options: DispatcherOptions,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  async start(endpoints: readonly EndpointDefinition[], routes: readonly StoredRoute[]): Promise<void> {
    for (const endpoint of endpoints) this.sinks.set(endpoint);
    this.running = true;
    for (const route of routes) this.routeChanged(route);
    this.trimTimer = setInterval(() => void this.trim(), this.options.trimIntervalMs);
    this.trimTimer.unref();
  }

  notify(): void {
    for (const worker of this.workers.values()) worker.wake();
  }

  routeChanged(route: StoredRoute): void {
    if (!this.running) return;
    const active = { id: route.id, endpointName: route.endpointName, filter: compileFilter(route.filter) };
    const existing = this.workers.get(route.id);
    if (existing) {
      existing.update(active);
      return;
    }
    const worker = new RouteWorker(active, this.context());
    this.workers.set(route.id, worker);
    worker.start();
  }

  /** Stops the route's worker without waiting for an in-flight send to its endpoint. */
  routeDeleted(id: string): void {
    const worker = this.workers.get(id);
    this.workers.delete(id);
    if (!worker) return;
    const stopped = worker.stop(false).finally(() => this.stopping.delete(stopped));
    this.stopping.add(stopped);
  }

  endpointChanged(definition: EndpointDefinition): void {
    this.sinks.set(definition);
    for (const worker of this.workers.values()) if (worker.endpointName === definition.name) worker.nudge();
  }

  endpointDeleted(name: string): void {
    this.sinks.delete(name);
    this.health.delete(name);
  }

  /** The routes this process runs for an endpoint, whether it delivers them now, and their cursors. */
  routesOf(endpointName: string): { id: string; delivering: boolean; cursor: number }[] {
    return [...this.workers.values()]
      .filter((worker) => worker.endpointName === endpointName)
      .map((worker) => ({ id: worker.id, delivering: worker.delivering, cursor: worker.cursor }));
  }

  /** Route id → its in-memory cursor and the events of its current batch still pending. */
  progress(): Map<string, { endpointName: string; cursor: number; pending: number }> {
    const out = new Map<string, { endpointName: string; cursor: number; pending: number }>();
    for (const worker of this.workers.values()) {
      out.set(worker.id, { endpointName: worker.endpointName, cursor: worker.cursor, pending: worker.pendingCount });
    }
    return out;
  }

  /** Deletes outbox rows every route has handled and that are older than the retention window. */
  async trim(): Promise<number> {
    try {
      const routes = await this.store.listRoutes();
      let upTo = await this.store.latestSeq();
      for (const route of routes) {
        const cursor = await this.store.getCursor(route.id);
        if (cursor !== undefined) upTo = Math.min(upTo, cursor);
      }
      return await this.store.trimOutbox(upTo, this.options.now() - this.options.retentionMs);
    } catch (error) {
      if (this.running) this.options.log("event outbox trim failed", error);
      return 0;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.trimTimer);
    const workers = [...this.workers.values()];
    this.workers.clear();
    const stopping = workers.map((worker) => worker.stop());
    // Closing the sinks aborts in-flight sends so a hanging endpoint cannot hold up shutdown.
    await this.sinks.closeAll();
    await Promise.all([...stopping, ...this.stopping]);
  }

  private context(): WorkerContext {
    return {
      store: this.store,
      sinks: this.sinks,
      metrics: this.metrics,
      health: this.health,
      batchSize: this.options.batchSize,
      pollIntervalMs: this.options.pollIntervalMs,
      cursorSaveIntervalMs: this.options.cursorSaveIntervalMs,
      now: this.options.now,
      log: this.options.log,
    };
  }
}
