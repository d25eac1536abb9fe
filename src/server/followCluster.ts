import { createHmac } from "node:crypto";
import type { AuthService } from "../auth/authService.js";
import type { EndpointDefinition } from "../events/endpoints/endpointDefinition.js";
import { EndpointSecretsUnreadable } from "../events/endpoints/endpointSecretBox.js";
import type { SealedEventStore } from "../events/endpoints/sealedEventStore.js";
import type { EventService } from "../events/eventService.js";
import type { ModelRegistry } from "../models/modelRegistry.js";
import type { ClusterBus } from "../store/ports/clusterBus.js";
import type { StoredRoute } from "../store/ports/eventStore.js";

export interface ClusterFollowers {
  readonly models: ModelRegistry;
  readonly events: EventService;
  readonly auth: AuthService;
}

/**
 * Keeps this node's in-memory views in step with what other nodes of the cluster commit:
 * the model registry reloads, the event dispatcher picks up route and endpoint changes (delivery
 * itself is leased per route by the store), access control drops its cache. Bursts of changes
 * coalesce into one reload at a time. Returns the function that stops following.
 *
 * An endpoint whose credentials this node's keys do not open (another node sealed them under a
 * new key during a rolling rotation) is skipped, logged once: the node keeps what it held of it
 * and goes on following the other endpoints and every route.
 */
export function followCluster(
  cluster: ClusterBus,
  store: Pick<SealedEventStore, "openEndpoints" | "listRoutes">,
  services: ClusterFollowers,
  log: (message: string, error?: unknown) => void = (message, error) => console.warn(`doppel: ${message}`, error ?? ""),
): () => void {
  const routes = new Map<string, string>();
  const endpoints = new Map<string, string>();
  /** Endpoints skipped because they do not open here, each logged once until it opens or goes. */
  const unreadable = new Set<string>();

  const syncEvents = async () => {
    const dispatcher = services.events.dispatcher;
    if (!dispatcher.isRunning) return;
    const storedEndpoints = await store.openEndpoints();
    for (const stored of storedEndpoints) {
      if (stored instanceof EndpointSecretsUnreadable) {
        if (!unreadable.has(stored.endpointName)) {
          log(`skipped the event endpoint '${stored.endpointName}': this node's keys do not open it`, stored);
        }
        unreadable.add(stored.endpointName);
        continue;
      }
      unreadable.delete(stored.name);
      const fingerprint = JSON.stringify(stored.definition);
      if (endpoints.get(stored.name) === fingerprint) continue;
      endpoints.set(stored.name, fingerprint);
      dispatcher.endpointChanged(stored.definition as EndpointDefinition);
    }
    // A skipped endpoint still exists: what this node holds of it stays.
    const liveEndpoints = new Set(storedEndpoints.map(nameOf));
    for (const name of [...unreadable]) if (!liveEndpoints.has(name)) unreadable.delete(name);
    for (const name of [...endpoints.keys()]) {
      if (liveEndpoints.has(name)) continue;
      endpoints.delete(name);
      dispatcher.endpointDeleted(name);
    }
    const storedRoutes = await store.listRoutes();
    const running = dispatcher.progress();
    for (const route of storedRoutes) {
      const fingerprint = routeFingerprint(route);
      if (routes.get(route.id) === fingerprint && running.has(route.id)) continue;
      routes.set(route.id, fingerprint);
      dispatcher.routeChanged(route);
    }
    const liveRoutes = new Set(storedRoutes.map((route) => route.id));
    for (const id of [...routes.keys()]) {
      if (liveRoutes.has(id)) continue;
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
    for (const stop of stops) stop();
  };
}

/** A key shared by every node, derived from the store's secret, for tokens any node must accept. */
export function sharedKey(secret: Uint8Array, purpose: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", secret).update(`doppel:${purpose}`).digest());
}

function nameOf(endpoint: { name: string } | EndpointSecretsUnreadable): string {
  return endpoint instanceof EndpointSecretsUnreadable ? endpoint.endpointName : endpoint.name;
}

function routeFingerprint(route: StoredRoute): string {
  return JSON.stringify([route.endpointName, route.filter]);
}

/** Runs `task` now, or once more after the current run when called during one. */
function coalesced(
  task: () => Promise<void>,
  what: string,
  log: (message: string, error?: unknown) => void,
): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      try {
        await task();
      } catch (error) {
        log(`${what} after a change on another node failed`, error);
      }
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}
