/**
 * Coordination between the processes (nodes) that share one store. Only the PostgreSQL store has
 * it; with SQLite one process owns the store and `Store.cluster` is absent.
 */
export {};
//# sourceMappingURL=clusterBus.js.map