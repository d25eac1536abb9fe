import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../http/app.js";
import { allRoutes } from "../http/routes/index.js";
import type { ServerConfig, Services } from "../http/services.js";
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
}

export interface RunningServer {
  readonly httpsUrl: string;
  readonly httpUrl: string | null;
  readonly certPath: string;
  readonly tlsGenerated: boolean;
  readonly services: Services;
  /** Stops accepting connections, lets in-flight requests finish, closes the store. */
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? "127.0.0.1";
  const tls = loadOrCreateTls({ dir: dataDir, certFile: options.tlsCert, keyFile: options.tlsKey });
  const store = options.store ?? createSqliteStore(options.memory ? ":memory:" : join(dataDir, "doppel.db"));
  const services = await createServices(store, options.config);
  const logger = options.logger ?? false;

  const apps: FastifyInstance[] = [];
  const https = buildApp(services, allRoutes, { logger, https: { key: tls.key, cert: tls.cert } });
  apps.push(https);
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
    close() {
      closing ??= (async () => {
        await Promise.all(apps.map((app) => app.close()));
        await store.close();
      })();
      return closing;
    },
  };
}
