import type { Store } from "../store.js";
import { openSqlite } from "./openSqlite.js";
import { SqliteGraphRepository } from "./sqliteGraphRepository.js";
import { SqliteModelRepository } from "./sqliteModelRepository.js";
import { SqliteOutboxRepository } from "./sqliteOutboxRepository.js";
import { SqliteQueryRunner } from "./sqliteQueryRunner.js";

/** The embedded store: one SQLite file (or `:memory:`), one connection, WAL mode. */
export function createSqliteStore(file: string): Store {
  const db = openSqlite(file);
  let closed = false;
  return {
    kind: "sqlite",
    models: new SqliteModelRepository(db),
    graph: new SqliteGraphRepository(db),
    outbox: new SqliteOutboxRepository(db),
    queries: new SqliteQueryRunner(db),
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
