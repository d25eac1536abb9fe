import { createHmac } from "node:crypto";
/**
 * Keeps this node's in-memory views in step with what other nodes of the cluster commit:
 * the model registry reloads, the event dispatcher picks up route and endpoint changes (delivery
 * itself is leased per route by the store), access control drops its cache. Bursts of changes
 * coalesce into one reload at a time. Returns the function that stops following.
 */
export function followCluster(cluster, store, services, log = (message, error) => console.warn(`doppel: ${message}`, error ?? "")) {
    const routes = new Map();
    const endpoints = new Map();
    const syncEvents = async () => {
        const dispatcher = services.events.dispatcher;
        if (!dispatcher.isRunning)
            return;
        const storedEndpoints = await store.listEndpoints();
        for (const stored of storedEndpoints) {
            const fingerprint = JSON.stringify(stored.definition);
            if (endpoints.get(stored.name) === fingerprint)
                continue;
            endpoints.set(stored.name, fingerprint);
            dispatcher.endpointChanged(stored.definition);
        }
        const liveEndpoints = new Set(storedEndpoints.map((endpoint) => endpoint.name));
        for (const name of [...endpoints.keys()]) {
            if (liveEndpoints.has(name))
                continue;
            endpoints.delete(name);
            dispatcher.endpointDeleted(name);
        }
        const storedRoutes = await store.listRoutes();
        const running = dispatcher.progress();
        for (const route of storedRoutes) {
            const fingerprint = routeFingerprint(route);
            if (routes.get(route.id) === fingerprint && running.has(route.id))
                continue;
            routes.set(route.id, fingerprint);
            dispatcher.routeChanged(route);
        }
        const liveRoutes = new Set(storedRoutes.map((route) => route.id));
        for (const id of [...routes.keys()]) {
            if (liveRoutes.has(id))
                continue;
            routes.delete(id);
            dispatcher.routeDeleted(id);
        }
    };
    const reloadModels = coalesced(() => services.models.refresh(), "model registry reload", log);
    const reloadEvents = coalesced(syncEvents, "event route reload", log);
    const stops = [
        cluster.onChange("models", reloadModels),
        cluster.onChange("events", reloadEvents),
        cluster.onChange("auth", () => services.auth.invalidate()),
    ];
    // Changes committed while this node was starting, before it listened.
    reloadModels();
    reloadEvents();
    return () => {
        for (const stop of stops)
            stop();
    };
}
/** A key shared by every node, derived from the store's secret, for tokens any node must accept. */
export function sharedKey(secret, purpose) {
    return new Uint8Array(createHmac("sha256", secret).update(`doppel:${purpose}`).digest());
}
function routeFingerprint(route) {
    return JSON.stringify([route.endpointName, route.filter]);
}
/** Runs `task` now, or once more after the current run when called during one. */
function coalesced(task, what, log) {
    let running = false;
    let again = false;
    const run = async () => {
        running = true;
        do {
            again = false;
            try {
                await task();
            }
            catch (error) {
                log(`${what} after a change on another node failed`, error);
            }
        } while (again);
        running = false;
    };
    return () => {
        if (running)
            again = true;
        else
            void run();
    };
}
//# sourceMappingURL=followCluster.js.map