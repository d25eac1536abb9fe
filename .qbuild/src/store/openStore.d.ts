import { type PostgresStoreOptions } from "./postgres/createPostgresStore.js";
import type { Store } from "./store.js";
/**
 * Opens the store a location names: `postgres://…` (or `postgresql://…`) for PostgreSQL,
 * `:memory:` for a throwaway SQLite store, anything else as a SQLite file path.
 */
export declare function openStore(location: string, postgres?: Omit<PostgresStoreOptions, "url">): Promise<Store>;
/** The environment variable that names the store when `--store` is not given. */
export declare const storeEnvironmentVariable = "DOPPEL_STORE";
