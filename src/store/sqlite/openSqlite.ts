import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { sqliteMigrations } from "./schema.js";

export type SqliteDatabase = Database.Database;

/**
 * Opens (or creates) the database file and brings its schema up to date.
 * `:memory:` gives a throwaway store.
 */
export function openSqlite(file: string): SqliteDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // FULL: a write answered 2xx survives a kill -9 and a power loss.
  db.pragma("synchronous = FULL");
  // The WAL file keeps its high-water size between checkpoints (rewriting allocated pages is
  // cheaper than appending); this caps what a burst leaves on disk at the checkpointer's hold mark.
  db.pragma("journal_size_limit = 67108864");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null };
  const current = row.v ?? 0;
  sqliteMigrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(
        version,
        new Date().toISOString(),
      );
    })();
  });
}
