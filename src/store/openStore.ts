import { createPostgresStore, type PostgresStoreOptions } from "./postgres/createPostgresStore.js";
import { isPostgresUrl } from "./postgres/postgresLocation.js";
import { createSqliteStore } from "./sqlite/createSqliteStore.js";
import type { Store } from "./store.js";

/**
 * Opens the store a location names: `postgres://…` (or `postgresql://…`) for PostgreSQL,
 * `:memory:` for a throwaway SQLite store, anything else as a SQLite file path.
 */
export async function openStore(location: string, postgres: Omit<PostgresStoreOptions, "url"> = {}): Promise<Store> {
  if (isPostgresUrl(location)) return createPostgresStore({ ...postgres, url: location });
  if (postgres.readReplicaUrl !== undefined)
    throw new Error("a read replica needs a PostgreSQL store (--store postgres://…)");
  return createSqliteStore(location);
}

/** The environment variable that names the store when `--store` is not given. */
export const storeEnvironmentVariable = "DOPPEL_STORE";

/** The environment variable that names a PostgreSQL read replica when `--read-replica` is not given. */
export const readReplicaEnvironmentVariable = "DOPPEL_READ_REPLICA";
