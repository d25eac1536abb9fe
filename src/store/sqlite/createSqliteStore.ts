import type { Store } from "../store.js";
import { openSqlite } from "./openSqlite.js";
import { SqliteAuthStore } from "./sqliteAuthStore.js";
import { SqliteEventStore } from "./sqliteEventStore.js";
import { SqliteGraphRepository } from "./sqliteGraphRepository.js";
import { SqliteKeyCheckStore } from "./sqliteKeyCheckStore.js";
import { SqliteModelRepository } from "./sqliteModelRepository.js";
import { SqliteNodeRegistry } from "./sqliteNodeRegistry.js";
import { SqliteOutboxRepository } from "./sqliteOutboxRepository.js";
import { SqliteQueryRunner } from "./sqliteQueryRunner.js";

/** The embedded store: one SQLite file (or `:memory:`), one connection, WAL mode. */
export function createSqliteStore(file: string): Store {
  const db = openSqlite(file);
  let closed = false;
  // The graph repository tells the outbox's listeners about each commit that appended events.
  const outbox = new SqliteOutboxRepository(db);
  const graph = new SqliteGraphRepository(db, outbox);
  const queries = new SqliteQueryRunner(db);
  return {
    kind: "sqlite",
    models: new SqliteModelRepository(db),
    graph,
    outbox,
    queries,
    events: new SqliteEventStore(db),
    auth: new SqliteAuthStore(db),
    nodes: new SqliteNodeRegistry(),
    keyCheck: new SqliteKeyCheckStore(db),
    async close() {
      if (closed) return;
      closed = true;
      graph.close();
      await queries.close();
      db.close();
    },
  };
}
