import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Services } from "../../../src/http/services.js";
import { createServices } from "../../../src/server/createServices.js";
import { keyCheckValue } from "../../../src/server/instanceKeyCheck.js";
import { loadInstanceSecret } from "../../../src/server/instanceSecret.js";
import type { Store } from "../../../src/store/store.js";
import {
  dropSchema,
  openPostgresTestStore,
  postgresTestUrl,
  randomSchema,
  type TestPostgresStore,
} from "../../store/support/postgresTestStore.js";

/** Services as the key suites start them: quick event polling, quiet logs. */
export const keyTestConfig = { events: { pollIntervalMs: 50, log: () => undefined } };

export const newKey = (): string => randomBytes(32).toString("hex");

/** The check value a node with `key` stores or expects. */
export const checkOf = (key: string): string => keyCheckValue(loadInstanceSecret({ key }));

/** The start-up refusal of a node whose key is not the database's. */
export function mismatch(source: string): string {
  return (
    `This node's secret key (from ${source}) is not the key this database is used with: the key check value ` +
    "stored in the database was made with another key. Every node sharing a database must use the same key: " +
    "set DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) on every node to the key the database is used with."
  );
}

/** The refusal for stored credentials that `keys` (e.g. "this node's secret key (from X)") cannot open. */
export function unreadable(endpoint: string, keys: string): string {
  return (
    `The stored credentials of the event endpoint '${endpoint}' cannot be decrypted with ${keys}. Every node ` +
    "sharing a database must use the same key: set DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) on every node " +
    "to the key that sealed them."
  );
}

export interface KeyNode {
  readonly services: Services;
  close(): Promise<void>;
}

export interface KeySecurity {
  readonly dataDir?: string;
  readonly secretKey?: string;
  readonly previousSecretKey?: string;
}

/** Services over `store` as a node starts them; the store is closed when they refuse to start. */
export async function startKeyNode(store: Store, security: KeySecurity = {}): Promise<KeyNode> {
  let services: Services;
  try {
    services = await createServices(store, keyTestConfig, security);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    services,
    async close() {
      await services.events.stop();
      await services.auth.close();
      await store.close();
    },
  };
}

/** The key check rows of a PostgreSQL schema, read past the services. */
export async function storedChecks(schema: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    return (await client.query("SELECT id, value FROM instance_key_check")).rows;
  } finally {
    await client.end();
  }
}

/** Stores of one fresh PostgreSQL schema, as nodes open it; the schema is dropped after `work`. */
export async function onOneSchema(
  prefix: string,
  work: (open: () => Promise<TestPostgresStore>, schema: string) => Promise<void>,
): Promise<void> {
  const schema = randomSchema(prefix);
  const opened: TestPostgresStore[] = [];
  const open = async () => {
    const store = await openPostgresTestStore({ schema });
    opened.push(store);
    return store;
  };
  try {
    await work(open, schema);
  } finally {
    await Promise.all(opened.map((store) => store.close().catch(() => undefined)));
    await dropSchema(schema);
  }
}
