import type pg from "pg";
import { migrationLockKey, storeKey } from "./advisoryKeys.js";
import { postgresMigrations } from "./postgresSchema.js";

/**
 * Creates the schema if needed and applies the migrations it lacks. Several nodes may start at
 * once: a session advisory lock makes them take turns, and each finds the work of the first done.
 * Each migration runs in its own transaction with its version row, so a crash leaves whole steps.
 */
export async function migratePostgres(client: pg.ClientBase, schema: string): Promise<void> {
  const quoted = quoteIdentifier(schema);
  await client.query("SELECT pg_advisory_lock($1, $2)", [storeKey(schema), migrationLockKey]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (version integer PRIMARY KEY, applied_at text NOT NULL)`,
    );
    const { rows } = await client.query<{ v: number | null }>(
      `SELECT MAX(version) AS v FROM ${quoted}.schema_migrations`,
    );
    const current = rows[0]?.v ?? 0;
    if (current > postgresMigrations.length) {
      throw new Error(
        `the PostgreSQL schema '${schema}' is at version ${current}, newer than this Doppel knows (${postgresMigrations.length}); upgrade Doppel`,
      );
    }
    for (let index = current; index < postgresMigrations.length; index++) {
      await client.query("BEGIN");
      try {
        // Objects a migration creates land in the store's schema (the first on the path).
        await client.query(`SET LOCAL search_path TO ${quoted}`);
        await client.query(postgresMigrations[index]!);
        await client.query(`INSERT INTO ${quoted}.schema_migrations (version, applied_at) VALUES ($1, $2)`, [
          index + 1,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    }
  } finally {
    await client
      .query("SELECT pg_advisory_unlock($1, $2)", [storeKey(schema), migrationLockKey])
      .catch(() => undefined);
  }
}

/** Schema names are checked by `postgresLocation.ts`; quoting keeps them exact anyway. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
