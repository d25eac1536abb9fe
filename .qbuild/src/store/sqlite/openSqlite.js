import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { sqliteMigrations } from "./schema.js";
/**
 * Opens (or creates) the database file and brings its schema up to date.
 * `:memory:` gives a throwaway store.
 */
export function openSqlite(file) {
    if (file !== ":memory:")
        mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    // FULL: a write answered 2xx survives a kill -9 and a power loss.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
    return db;
}
function migrate(db) {
    db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    const row = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get();
    const current = row.v ?? 0;
    sqliteMigrations.forEach((sql, index) => {
        const version = index + 1;
        if (version <= current)
            return;
        db.transaction(() => {
            db.exec(sql);
            db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, new Date().toISOString());
        })();
    });
}
//# sourceMappingURL=openSqlite.js.map