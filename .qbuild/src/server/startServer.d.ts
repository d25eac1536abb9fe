import type { AuthOptions } from "../auth/authOptions.js";
import type { ServerConfig, Services } from "../http/services.js";
import type { Store } from "../store/store.js";
export interface ServeOptions {
    /** Where the database and generated files live. */
    readonly dataDir: string;
    /** Use a throwaway in-memory store (generated TLS files still go to `dataDir`). */
    readonly memory?: boolean;
    readonly host?: string;
    /** 0 picks a free port. */
    readonly httpsPort?: number;
    /** `null` turns plain HTTP off; 0 picks a free port. */
    readonly httpPort?: number | null;
    readonly tlsCert?: string;
    readonly tlsKey?: string;
    readonly logger?: boolean | object;
    readonly config?: Partial<ServerConfig>;
    /** Supply a store instead of the SQLite one (tests, PostgreSQL). */
    readonly store?: Store;
    /**
     * Where the store lives when `store` is not given: `postgres://user@host/db?schema=doppel`
     * (several nodes may share one), `:memory:`, or a SQLite file path. Default: `dataDir/doppel.db`.
     */
    readonly storeUrl?: string;
    /** Authentication, roles, limits, rate limits, audit (see docs/security.md); default mode `none` on loopback. */
    readonly auth?: AuthOptions;
}
export interface RunningServer {
    readonly httpsUrl: string;
    readonly httpUrl: string | null;
    readonly certPath: string;
    readonly tlsGenerated: boolean;
    readonly services: Services;
    /** Start-up warnings to print loudly (authentication off, plain HTTP off loopback). */
    readonly warnings: readonly string[];
    /** Re-reads the TLS certificate and key (SIGHUP); returns the error and keeps the old ones on failure. */
    reloadTls(): Error | null;
    /** Stops accepting connections, lets in-flight requests finish, closes the store. */
    close(): Promise<void>;
}
export declare function startServer(options: ServeOptions): Promise<RunningServer>;
