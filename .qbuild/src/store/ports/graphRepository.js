/**
 * Persistence of twins and relationships: the storage half of the one write path. Owned by `src/graph`.
 *
 * Reads return documents as the JSON text GET answers with, so a read is one row fetch and no
 * re-serialisation. Every change goes through `commit`: a batch of row writes guarded by
 * compare-and-swap preconditions, post-conditions over the graph, and the outbox events of the
 * change, applied atomically (all or nothing) in one store transaction. Adapters that run on many
 * nodes (PostgreSQL) implement the same contract with row locks; callers retry a conflicted
 * unconditional write after reloading.
 */
export {};
//# sourceMappingURL=graphRepository.js.map