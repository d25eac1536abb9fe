import { randomUUID } from "node:crypto";
import pg from "pg";
import type { ClusterBus } from "../ports/clusterBus.js";
import type { Store } from "../store.js";
import { storeKey } from "./advisoryKeys.js";
import { ClusterSession } from "./clusterSession.js";
import { migratePostgres, quoteIdentifier } from "./migratePostgres.js";
import { OutboxReader } from "./outboxReader.js";
import { storeTypes } from "./pgTypes.js";
import { PostgresAuthStore } from "./postgresAuthStore.js";
import { PostgresEventStore } from "./postgresEventStore.js";
import { PostgresGraphRepository } from "./postgresGraphRepository.js";
import { PostgresKeyCheckStore } from "./postgresKeyCheckStore.js";
import { parsePostgresUrl, redactUrl } from "./postgresLocation.js";
import { PostgresModelRepository } from "./postgresModelRepository.js";
import { PostgresNodeRegistry } from "./postgresNodeRegistry.js";
import { PostgresOutboxRepository } from "./postgresOutboxRepository.js";
import { PostgresQueryRunner } from "./postgresQueryRunner.js";

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database?schema=doppel` */
  readonly url: string;
  /** Overrides the URL's `schema` parameter. */
  readonly schema?: string;
  /** Connections for reads and writes (default 10). */
  readonly poolSize?: number;
  /** Connections for queries that may scan (default 2). */
  readonly queryPoolSize?: number;
  /**
   * A streaming replica of the database (`postgres://…`; its `schema` parameter is ignored: the
   * replica holds the primary's). Queries that accept results lagging this node's own writes run
   * there (`QueryRunOptions.replica`); everything else stays on the primary.
   */
  readonly readReplicaUrl?: string;
  /** Connections to the read replica (default 4). */
  readonly replicaPoolSize?: number;
  /** How often a node waiting for a route's lease asks again (default 1000 ms). */
  readonly leasePollMs?: number;
  /** How long an outbox read waits for in-flight transactions before answering (default 100 ms). */
  readonly gapWaitMs?: number;
  /** Commit groups in flight at once (default 2). */
  readonly commitConcurrency?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

/** Collations that order text by code point, as the SQLite store does. */
const codePointCollations = new Set(["c", "posix", "c.utf-8", "c.utf8", "ucs_basic"]);

/** The PostgreSQL store with what makes it a cluster: notifications between nodes and leases. */
export interface PostgresStore extends Store {
  readonly kind: "postgres";
  readonly schema: string;
  readonly cluster: ClusterBus;
}

/**
 * The scale-out store: every node of a cluster opens one over the same database and schema.
 * Creates the schema and brings it up to date (safe when several nodes start at once), then
 * opens a connection pool and the node's cluster session.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const location = parsePostgresUrl(options.url, options.schema);
  const schema = location.schema;
  const log =
    options.log ?? ((message: string, error?: unknown) => console.warn(`doppel postgres: ${message}`, error ?? ""));
  const nodeId = randomUUID();
  const connection = {
    connectionString: location.connectionString,
    types: storeTypes,
    keepAlive: true,
    options: `-c search_path=${quoteIdentifier(schema)}`,
    application_name: `doppel:${process.pid}:${nodeId.slice(0, 8)}`,
  };

  const bootstrap = new pg.Client({ connectionString: location.connectionString, types: storeTypes });
  try {
    await bootstrap.connect();
  } catch (error) {
    throw new Error(`cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${(error as Error).message}`);
  }
  try {
    await migratePostgres(bootstrap, schema);
    const { rows } = await bootstrap.query<{ collation: string }>(
      "SELECT datcollate AS collation FROM pg_database WHERE datname = current_database()",
    );
    const collation = rows[0]?.collation ?? "";
    if (!codePointCollations.has(collation.toLowerCase())) {
      log(
        `the database collation is '${collation}': ORDER BY over string properties inside twins follows it, ` +
          "while SQLite (and a database created with LC_COLLATE C or C.UTF-8) sorts by code point",
      );
    }
  } finally {
    await bootstrap.end().catch(() => undefined);
  }

  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
  const heavyPool = new pg.Pool({ ...connection, max: options.queryPoolSize ?? 2 });
  // An idle connection that breaks is dropped by the pool; the error must not crash the process.
  pool.on("error", (error) => log("idle connection failed", error));
  heavyPool.on("error", (error) => log("idle query connection failed", error));
  let replicaPool: pg.Pool | null = null;
  try {
    replicaPool = options.readReplicaUrl ? await openReplicaPool(options, schema, nodeId, log) : null;
  } catch (error) {
    await Promise.all([pool.end(), heavyPool.end()]);
    throw error;
  }
  const session = new ClusterSession({
    connectionString: location.connectionString,
    schema,
    nodeId,
    leasePollMs: options.leasePollMs ?? 1000,
    log,
  });
  try {
    await session.start();
  } catch (error) {
    await Promise.all([pool.end(), heavyPool.end(), replicaPool?.end()]);
    throw error;
  }

  const lockStore = storeKey(schema);
  const reader = new OutboxReader(pool, { gapWaitMs: options.gapWaitMs ?? 100 });
  const outbox = new PostgresOutboxRepository(pool, reader, session);
  const queries = new PostgresQueryRunner(pool, heavyPool, replicaPool);
  let closing: Promise<void> | null = null;
  return {
    kind: "postgres",
    schema,
    models: new PostgresModelRepository(pool, session),
    graph: new PostgresGraphRepository(pool, lockStore, outbox, {
      ...(options.commitConcurrency === undefined ? {} : { commitConcurrency: options.commitConcurrency }),
    }),
    outbox,
    queries,
    events: new PostgresEventStore(pool, reader, session, lockStore),
    auth: new PostgresAuthStore(pool, session),
    nodes: new PostgresNodeRegistry(pool),
    keyCheck: new PostgresKeyCheckStore(pool),
    cluster: {
      nodeId,
      onChange: (topic, listener) => session.subscribe(topic, () => listener()),
    },
    close() {
      closing ??= (async () => {
        await queries.close();
        await session.close();
        await Promise.all([pool.end(), heavyPool.end(), replicaPool?.end()]);
      })();
      return closing;
    },
  };
}

/**
 * The pool for queries that may read a replica. It connects once at start-up so a wrong URL fails
 * there, not on the first query; its connections are named `doppel-replica:…` (pg_stat_activity).
 */
async function openReplicaPool(
  options: PostgresStoreOptions,
  schema: string,
  nodeId: string,
  log: (message: string, error?: unknown) => void,
): Promise<pg.Pool> {
  const url = options.readReplicaUrl!;
  const replica = new pg.Pool({
    connectionString: parsePostgresUrl(url).connectionString,
    types: storeTypes,
    keepAlive: true,
    options: `-c search_path=${quoteIdentifier(schema)}`,
    application_name: `doppel-replica:${process.pid}:${nodeId.slice(0, 8)}`,
    max: options.replicaPoolSize ?? 4,
  });
  replica.on("error", (error) => log("idle read-replica connection failed", error));
  try {
    await replica.query("SELECT 1");
  } catch (error) {
    await replica.end().catch(() => undefined);
    throw new Error(`cannot connect to the PostgreSQL read replica at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return replica;
}
