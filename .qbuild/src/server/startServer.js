import { join, resolve } from "node:path";
import { isLoopbackHost } from "../auth/isLoopbackHost.js";
import { secureTlsServer } from "../auth/tlsPolicy.js";
import { buildApp } from "../http/app.js";
import { allRoutes } from "../http/routes/index.js";
import { openStore } from "../store/openStore.js";
import { createSqliteStore } from "../store/sqlite/createSqliteStore.js";
import { createServices } from "./createServices.js";
import { loadOrCreateTls } from "./tls.js";
export async function startServer(options) {
    const dataDir = resolve(options.dataDir);
    const host = options.host ?? "127.0.0.1";
    const tls = loadOrCreateTls({ dir: dataDir, certFile: options.tlsCert, keyFile: options.tlsKey });
    const store = options.store ??
        (options.storeUrl !== undefined
            ? await openStore(options.storeUrl)
            : createSqliteStore(options.memory ? ":memory:" : join(dataDir, "doppel.db")));
    const loopbackOnly = isLoopbackHost(host);
    const services = await createServices(store, options.config, { auth: options.auth, loopbackOnly }).catch(async (error) => {
        await store.close();
        throw error;
    });
    const logger = options.logger ?? false;
    const apps = [];
    const https = buildApp(services, allRoutes, { logger, https: { key: tls.key, cert: tls.cert } });
    apps.push(https);
    const reloadTls = secureTlsServer(https.server, () => loadOrCreateTls({ dir: dataDir, certFile: options.tlsCert, keyFile: options.tlsKey }));
    const httpsAddress = await https.listen({ host, port: options.httpsPort ?? 8443 });
    let httpUrl = null;
    const httpPort = options.httpPort === undefined ? 8080 : options.httpPort;
    if (httpPort !== null) {
        const http = buildApp(services, allRoutes, { logger });
        apps.push(http);
        httpUrl = await http.listen({ host, port: httpPort });
    }
    let closing = null;
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
                await store.close();
            })();
            return closing;
        },
    };
}
//# sourceMappingURL=startServer.js.map