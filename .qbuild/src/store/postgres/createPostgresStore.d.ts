import type { ClusterBus } from "../ports/clusterBus.js";
import type { Store } from "../store.js";
export interface PostgresStoreOptions {
    /** `postgres://user:password@host:port/database?schema=doppel` */
    readonly url: string;
    /** Overrides the URL's `schema` parameter. */
    readonly schema?: string;
    /** Connections for reads and writes (default 10). */
    readonly poolSize?: number;
    /** Connections for queries that may scan (default 2). */
    readonly queryPoolSize?: number;
    /** How often a node waiting for a route's lease asks again (default 1000 ms). */
    readonly leasePollMs?: number;
    /** How long an outbox read waits for in-flight transactions before answering (default 100 ms). */
    readonly gapWaitMs?: number;
    /** Commit groups in flight at once (default 2). */
    readonly commitConcurrency?: number;
    readonly log?: (message: string, error?: unknown) => void;
}
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
export declare function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore>;
