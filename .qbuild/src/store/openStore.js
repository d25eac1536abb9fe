import { createPostgresStore } from "./postgres/createPostgresStore.js";
import { isPostgresUrl } from "./postgres/postgresLocation.js";
import { createSqliteStore } from "./sqlite/createSqliteStore.js";
/**
 * Opens the store a location names: `postgres://…` (or `postgresql://…`) for PostgreSQL,
 * `:memory:` for a throwaway SQLite store, anything else as a SQLite file path.
 */
export async function openStore(location, postgres = {}) {
    if (isPostgresUrl(location))
        return createPostgresStore({ ...postgres, url: location });
    return createSqliteStore(location);
}
/** The environment variable that names the store when `--store` is not given. */
export const storeEnvironmentVariable = "DOPPEL_STORE";
//# sourceMappingURL=openStore.js.map