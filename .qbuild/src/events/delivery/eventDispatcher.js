import { compileFilter } from "../filter/compileFilter.js";
import { RouteWorker } from "./routeWorker.js";
import { SinkRegistry } from "./sinkRegistry.js";
/**
 * Runs one RouteWorker per route over shared sinks, wakes them on commit (`notify`) with polling
 * as the fallback, and trims the outbox behind the slowest route once the retention window has
 * passed.
 */
export class EventDispatcher {
    store;
    metrics;
    options;
    sinks = new SinkRegistry();
    workers = new Map();
    /** Workers of deleted routes finishing an in-flight send (which may hang until its timeout). */
    stopping = new Set();
    trimTimer;
    running = false;
    constructor(store, metrics, options) {
        this.store = store;
        this.metrics = metrics;
        this.options = options;
    }
    get isRunning() {
        return this.running;
    }
    async start(endpoints, routes) {
        for (const endpoint of endpoints)
            this.sinks.set(endpoint);
        this.running = true;
        for (const route of routes)
            this.routeChanged(route);
        this.trimTimer = setInterval(() => void this.trim(), this.options.trimIntervalMs);
        this.trimTimer.unref();
    }
    notify() {
        for (const worker of this.workers.values())
            worker.wake();
    }
    routeChanged(route) {
        if (!this.running)
            return;
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
    routeDeleted(id) {
        const worker = this.workers.get(id);
        this.workers.delete(id);
        if (!worker)
            return;
        const stopped = worker.stop(false).finally(() => this.stopping.delete(stopped));
        this.stopping.add(stopped);
    }
    endpointChanged(definition) {
        this.sinks.set(definition);
        for (const worker of this.workers.values())
            if (worker.endpointName === definition.name)
                worker.nudge();
    }
    endpointDeleted(name) {
        this.sinks.delete(name);
    }
    /** Route id → its in-memory cursor and the events of its current batch still pending. */
    progress() {
        const out = new Map();
        for (const worker of this.workers.values()) {
            out.set(worker.id, { endpointName: worker.endpointName, cursor: worker.cursor, pending: worker.pendingCount });
        }
        return out;
    }
    /** Deletes outbox rows every route has handled and that are older than the retention window. */
    async trim() {
        try {
            const routes = await this.store.listRoutes();
            let upTo = await this.store.latestSeq();
            for (const route of routes) {
                const cursor = await this.store.getCursor(route.id);
                if (cursor !== undefined)
                    upTo = Math.min(upTo, cursor);
            }
            return await this.store.trimOutbox(upTo, this.options.now() - this.options.retentionMs);
        }
        catch (error) {
            if (this.running)
                this.options.log("event outbox trim failed", error);
            return 0;
        }
    }
    async stop() {
        this.running = false;
        clearInterval(this.trimTimer);
        const workers = [...this.workers.values()];
        this.workers.clear();
        const stopping = workers.map((worker) => worker.stop());
        // Closing the sinks aborts in-flight sends so a hanging endpoint cannot hold up shutdown.
        await this.sinks.closeAll();
        await Promise.all([...stopping, ...this.stopping]);
    }
    context() {
        return {
            store: this.store,
            sinks: this.sinks,
            metrics: this.metrics,
            batchSize: this.options.batchSize,
            pollIntervalMs: this.options.pollIntervalMs,
            cursorSaveIntervalMs: this.options.cursorSaveIntervalMs,
            now: this.options.now,
            log: this.options.log,
        };
    }
}
//# sourceMappingURL=eventDispatcher.js.map