/**
 * Coordination between the processes (nodes) that share one store. Only the PostgreSQL store has
 * it; with SQLite one process owns the store and `Store.cluster` is absent.
 */
/** What changed on another node: uploaded models, event routes and endpoints, access control. */
export type ClusterTopic = "outbox" | "models" | "events" | "auth";
export interface ClusterBus {
    /** This process's id in the cluster (random per start). */
    readonly nodeId: string;
    /**
     * Calls `listener` after another node committed a change of `topic`, or when changes may have
     * been missed (the notification connection was re-established). Returns the unsubscribe function.
     */
    onChange(topic: Exclude<ClusterTopic, "outbox">, listener: () => void): () => void;
}
/** Exclusive, cluster-wide ownership of an event route's delivery. */
export interface RouteLease {
    /** Aborts when ownership is lost (the node's session to the store ended): stop delivering. */
    readonly lost: AbortSignal;
    release(): void;
}
