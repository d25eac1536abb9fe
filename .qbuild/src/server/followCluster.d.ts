import type { AuthService } from "../auth/authService.js";
import type { EventService } from "../events/eventService.js";
import type { ModelRegistry } from "../models/modelRegistry.js";
import type { ClusterBus } from "../store/ports/clusterBus.js";
import type { EventStore } from "../store/ports/eventStore.js";
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
 */
export declare function followCluster(cluster: ClusterBus, store: EventStore, services: ClusterFollowers, log?: (message: string, error?: unknown) => void): () => void;
/** A key shared by every node, derived from the store's secret, for tokens any node must accept. */
export declare function sharedKey(secret: Uint8Array, purpose: string): Uint8Array;
