import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import type { AuthOptions } from "../auth/authOptions.js";
import { isLoopbackHost } from "../auth/isLoopbackHost.js";
import { secureTlsServer } from "../auth/tlsPolicy.js";
import { buildApp } from "../http/app.js";
import { allRoutes } from "../http/routes/index.js";
import type { ServerConfig, Services } from "../http/services.js";
import { openStore } from "../store/openStore.js";
import { createSqliteStore } from "../store/sqlite/createSqliteStore.js";
import type { Store } from "../store/store.js";
import { createServices } from "./createServices.js";
import { loadOrCreateTls } from "./tls.js";

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
  /**
   * A streaming replica of the PostgreSQL `storeUrl`, for queries that accept lagging results
   * (`Doppel-Consistency: eventual`, or `config.query.consistency`).
   */
  readonly readReplicaUrl?: string;
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

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? "127.0.0.1";
  const tls = loadOrCreateTls({ dir: dataDir, certFile: options.tlsCert, keyFile: options.tlsKey });
  const store =
    options.store ??
    (options.storeUrl !== undefined
      ? await openStore(
          options.storeUrl,
          options.readReplicaUrl === undefined ? {} : { readReplicaUrl: options.readReplicaUrl },
        )
      : createSqliteStore(options.memory ? ":memory:" : join(dataDir, "doppel.db")));
  const loopbackOnly = isLoopbackHost(host);
  const services = await createServices(store, options.config, { auth: options.auth, loopbackOnly, dataDir }).catch(
    async (error: unknown) => {
      await store.close();
      throw error;
    },
  );
  const logger = options.logger ?? false;

  const apps: FastifyInstance[] = [];
  const https = buildApp(services, allRoutes, { logger, https: { key: tls.key, cert: tls.cert } });
  apps.push(https);
  const reloadTls = secureTlsServer(https.server, () =>
    loadOrCreateTls({ dir: dataDir, certFile: options.tlsCert, keyFile: options.tlsKey }),
  );
  const httpsAddress = await https.listen({ host, port: options.httpsPort ?? 8443 });
  let httpUrl: string | null = null;
  const httpPort = options.httpPort === undefined ? 8080 : options.httpPort;
  if (httpPort !== null) {
    const http = buildApp(services, allRoutes, { logger });
    apps.push(http);
    httpUrl = await http.listen({ host, port: httpPort });
  }

  let closing: Promise<void> | null = null;
  return {
    httpsUrl: httpsAddress.replace("://127.0.0.1", "://localhost"),
    httpUrl,
    certPath: tls.certPath,
    tlsGenerated: tls.generated,
    services,
    warnings: [
      ...services.auth.warnings,
      ...(httpUrl !== null && !loopbackOnly
        ? [`Plain HTTP is listening on ${httpUrl}: bearer tokens and API keys sent to it travel unencrypted.`]
        : []),
    ],
    reloadTls,
    close() {
      closing ??= (async () => {
        await Promise.all(apps.map((app) => app.close()));
        await services.events.stop();
        // Leaves the cluster's rate-limit share and flushes the audit log while the store is open.
        await services.auth.close();
        await store.close();
      })();
      return closing;
    },
  };
}
