import type pg from "pg";
import type { KeyCheckStore } from "../ports/keyCheckStore.js";

/** The check value in the one-row `instance_key_check` table, shared by every node of the cluster. */
export class PostgresKeyCheckStore implements KeyCheckStore {
  constructor(private readonly pool: pg.Pool) {}

  async claim(value: string): Promise<string> {
    // A racing insert waits for the first one to commit, then does nothing. The read runs as a
    // statement of its own: one snapshot taken after that wait sees the winner's row.
    await this.pool.query("INSERT INTO instance_key_check (id, value) VALUES (1, $1) ON CONFLICT (id) DO NOTHING", [
      value,
    ]);
    return (await this.read()) as string;
  }

  async compareAndSet(expected: string, value: string): Promise<string | undefined> {
    // A racing update waits for the first one's row lock, then finds `expected` gone and changes
    // nothing. As in `claim`, the read is a statement of its own, after that wait.
    await this.pool.query("UPDATE instance_key_check SET value = $2 WHERE id = 1 AND value = $1", [expected, value]);
    return this.read();
  }

  async read(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>("SELECT value FROM instance_key_check WHERE id = 1");
    return rows[0]?.value;
  }
}
