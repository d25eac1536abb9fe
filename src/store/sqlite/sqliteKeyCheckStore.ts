import type { KeyCheckStore } from "../ports/keyCheckStore.js";
import type { SqliteDatabase } from "./openSqlite.js";

/** The check value in the one-row `instance_key_check` table; SQLite serialises the writers. */
export class SqliteKeyCheckStore implements KeyCheckStore {
  constructor(private readonly db: SqliteDatabase) {}

  async claim(value: string): Promise<string> {
    this.db.prepare("INSERT OR IGNORE INTO instance_key_check (id, value) VALUES (1, ?)").run(value);
    return (await this.read()) as string;
  }

  async compareAndSet(expected: string, value: string): Promise<string | undefined> {
    this.db.prepare("UPDATE instance_key_check SET value = ? WHERE id = 1 AND value = ?").run(value, expected);
    return this.read();
  }

  async read(): Promise<string | undefined> {
    const row = this.db.prepare("SELECT value FROM instance_key_check WHERE id = 1").get() as
      | { value: string }
      | undefined;
    return row?.value;
  }
}
