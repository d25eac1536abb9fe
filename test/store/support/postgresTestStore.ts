import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "../../../src/store/postgres/createPostgresStore.js";
import { loopbackServices } from "../../support/services.js";

/** The test database (trust auth on loopback); `DOPPEL_TEST_POSTGRES_URL` points elsewhere. */
export const postgresTestUrl = process.env.DOPPEL_TEST_POSTGRES_URL ?? loopbackServices.postgres.url;

/** A schema name no other run uses: runs (and suites within a run) cannot collide. */
export function randomSchema(prefix = "t"): string {
  return `doppel_test_${prefix}_${randomBytes(6).toString("hex")}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export interface TestPostgresStore extends PostgresStore {
  /** Closes the store and drops its schema. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL store in a fresh schema. `destroy()` closes it and drops the schema; `close()`
 * only closes it (other stores on the same schema — other "nodes" — may still use it).
 */
export async function openPostgresTestStore(
  options: Partial<PostgresStoreOptions> & { schema?: string } = {},
): Promise<TestPostgresStore> {
  const schema = options.schema ?? randomSchema();
  const store = await createPostgresStore({
    poolSize: 4,
    queryPoolSize: 1,
    leasePollMs: 100,
    log: () => undefined,
    ...options,
    url: options.url ?? postgresTestUrl,
    schema,
  });
  return Object.assign(store, {
    async destroy() {
      await store.close();
      await dropSchema(schema);
    },
  });
}

const tables = [
  "models",
  "model_refs",
  "model_ancestry",
  "twins",
  "relationships",
  "outbox",
  "event_endpoints",
  "event_routes",
  "event_cursors",
  "event_dead_letters",
  "auth_api_keys",
  "auth_roles",
  "auth_role_assignments",
  "audit_log",
  "instance_key_check",
];

/**
 * Empties a store's schema between tests: rows, the outbox sequence and the counters (DELETE
 * beats TRUNCATE on tables this small). Identity columns keep counting; tests compare only their order.
 */
export async function emptyPostgresStore(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    await client.query(
      `SET search_path TO "${schema}"; ${tables.map((table) => `DELETE FROM ${table};`).join(" ")}
       ALTER SEQUENCE outbox_seq RESTART; UPDATE outbox_trimmed SET seq = 0; UPDATE auth_version SET version = 0;`,
    );
  } finally {
    await client.end();
  }
}
