import { randomUUID } from "node:crypto";
import pg from "pg";
import { storeKey } from "./advisoryKeys.js";
import { ClusterSession } from "./clusterSession.js";
import { migratePostgres, quoteIdentifier } from "./migratePostgres.js";
import { OutboxReader } from "./outboxReader.js";
import { storeTypes } from "./pgTypes.js";
import { PostgresAuthStore } from "./postgresAuthStore.js";
import { PostgresEventStore } from "./postgresEventStore.js";
import { PostgresGraphRepository } from "./postgresGraphRepository.js";
import { parsePostgresUrl, redactUrl } from "./postgresLocation.js";
import { PostgresModelRepository } from "./postgresModelRepository.js";
import { PostgresOutboxRepository } from "./postgresOutboxRepository.js";
import { PostgresQueryRunner } from "./postgresQueryRunner.js";
/**
 * The scale-out store: every node of a cluster opens one over the same database and schema.
 * Creates the schema and brings it up to date (safe when several nodes start at once), then
 * opens a connection pool and the node's cluster session.
 */
export async function createPostgresStore(options) {
    const location = parsePostgresUrl(options.url, options.schema);
    const schema = location.schema;
    const log = options.log ?? ((message, error) => console.warn(`doppel postgres: ${message}`, error ?? ""));
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
    }
    catch (error) {
        throw new Error(`cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${error.message}`);
    }
    try {
        await migratePostgres(bootstrap, schema);
    }
    finally {
        await bootstrap.end().catch(() => undefined);
    }
    const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 });
    const heavyPool = new pg.Pool({ ...connection, max: options.queryPoolSize ?? 2 });
    // An idle connection that breaks is dropped by the pool; the error must not crash the process.
    pool.on("error", (error) => log("idle connection failed", error));
    heavyPool.on("error", (error) => log("idle query connection failed", error));
    const session = new ClusterSession({
        connectionString: location.connectionString,
        schema,
        nodeId,
        leasePollMs: options.leasePollMs ?? 1000,
        log,
    });
    try {
        await session.start();
    }
    catch (error) {
        await Promise.all([pool.end(), heavyPool.end()]);
        throw error;
    }
    const lockStore = storeKey(schema);
    const reader = new OutboxReader(pool, { gapWaitMs: options.gapWaitMs ?? 100 });
    const outbox = new PostgresOutboxRepository(pool, reader, session);
    const queries = new PostgresQueryRunner(pool, heavyPool);
    let closing = null;
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
        cluster: {
            nodeId,
            onChange: (topic, listener) => session.subscribe(topic, () => listener()),
        },
        close() {
            closing ??= (async () => {
                await queries.close();
                await session.close();
                await Promise.all([pool.end(), heavyPool.end()]);
            })();
            return closing;
        },
    };
}
//# sourceMappingURL=createPostgresStore.js.map