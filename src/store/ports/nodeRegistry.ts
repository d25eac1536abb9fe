/**
 * Which nodes of a cluster are alive, from heartbeats kept in the shared store. Cluster-wide
 * rate limits divide each limit by the number of live nodes (`src/auth/clusterShare.ts`).
 */
export interface NodeRegistry {
  /**
   * Records that `nodeId` is alive now and answers how many nodes are, itself included: those
   * whose last heartbeat is at most `ttlMs` old by the store's clock. Forgets the others.
   */
  heartbeat(nodeId: string, ttlMs: number): Promise<number>;
  /** Removes `nodeId` at shutdown, so the other nodes take its share at their next heartbeat. */
  leave(nodeId: string): Promise<void>;
}
