import type { NodeRegistry } from "../ports/nodeRegistry.js";

/** One process owns a SQLite store, so it is always a cluster of one. */
export class SqliteNodeRegistry implements NodeRegistry {
  async heartbeat(): Promise<number> {
    return 1;
  }

  async leave(): Promise<void> {}
}
