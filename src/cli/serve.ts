import { parseArgs } from "node:util";
import { authCliFlags, authCliUsage, authOptionsFromCli } from "../auth/authCliOptions.js";
import { startServer } from "../server/startServer.js";
import { readReplicaEnvironmentVariable, storeEnvironmentVariable } from "../store/openStore.js";

const usage = `Usage: doppel serve [options]

  --data DIR          where the database and generated files live (default ./.doppel)
  --memory            use a throwaway in-memory store
  --store URL         the store: postgres://user@host:5432/db[?schema=doppel] (several nodes may
                      share one), :memory:, or a SQLite file (default: env DOPPEL_STORE, else
                      DIR/doppel.db)
  --read-replica URL  a streaming replica of the PostgreSQL store, for queries that accept results
                      lagging the latest writes (default: env DOPPEL_READ_REPLICA)
  --query-consistency strong|eventual
                      queries without a Doppel-Consistency header: strong (default) see every
                      acknowledged write; eventual may run on the read replica
  --host HOST         address to bind (default 127.0.0.1)
  --https-port N      HTTPS port (default 8443)
  --http-port N       plain HTTP port (default 8080; 0 turns it off)
  --tls-cert FILE     certificate (PEM); with --tls-key, replaces the generated one
  --tls-key FILE      private key (PEM)
  --quiet             no request log
  --events-config FILE  event endpoints and routes to create at start-up (JSON; see docs/events.md)
  --cors-origin ORIGIN  allow this browser origin on the live event streams (repeatable; * for any)
  --query-compat MODE   query language: doppel (ADT plus extensions, default) or adt (ADT's rules and limits only)
${authCliUsage}`;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: "string", default: "./.doppel" },
      memory: { type: "boolean", default: false },
      store: { type: "string" },
      "read-replica": { type: "string" },
      "query-consistency": { type: "string", default: "strong" },
      host: { type: "string", default: "127.0.0.1" },
      "https-port": { type: "string", default: "8443" },
      "http-port": { type: "string", default: "8080" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      quiet: { type: "boolean", default: false },
      "events-config": { type: "string" },
      "cors-origin": { type: "string", multiple: true },
      "query-compat": { type: "string", default: "doppel" },
      help: { type: "boolean", short: "h", default: false },
      ...authCliFlags,
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if ((values["tls-cert"] === undefined) !== (values["tls-key"] === undefined)) {
    console.error("doppel serve: --tls-cert and --tls-key must be given together");
    return 2;
  }
  const queryCompat = values["query-compat"];
  if (queryCompat !== "doppel" && queryCompat !== "adt") {
    console.error(`doppel serve: --query-compat must be 'doppel' or 'adt', got '${queryCompat}'`);
    return 2;
  }
  const queryConsistency = values["query-consistency"];
  if (queryConsistency !== "strong" && queryConsistency !== "eventual") {
    console.error(`doppel serve: --query-consistency must be 'strong' or 'eventual', got '${queryConsistency}'`);
    return 2;
  }
  const httpsPort = parsePort(values["https-port"], "--https-port");
  const httpPortValue = parsePort(values["http-port"], "--http-port");
  const storeUrl = values.store ?? (values.memory ? undefined : process.env[storeEnvironmentVariable] || undefined);
  const readReplicaUrl = values["read-replica"] ?? (process.env[readReplicaEnvironmentVariable] || undefined);
  const server = await startServer({
    dataDir: values.data,
    memory: values.memory,
    ...(storeUrl === undefined ? {} : { storeUrl }),
    ...(readReplicaUrl === undefined ? {} : { readReplicaUrl }),
    host: values.host,
    httpsPort,
    httpPort: httpPortValue === 0 ? null : httpPortValue,
    tlsCert: values["tls-cert"],
    tlsKey: values["tls-key"],
    logger: values.quiet ? false : { level: "info" },
    auth: authOptionsFromCli(values),
    config: {
      queryCompat,
      query: { consistency: queryConsistency },
      events: {
        ...(values["events-config"] === undefined ? {} : { configFile: values["events-config"] }),
        corsOrigins: values["cors-origin"] ?? [],
      },
    },
  });
  for (const warning of server.warnings)
    console.warn(`\n${"!".repeat(78)}\n!! WARNING: ${warning}\n${"!".repeat(78)}\n`);
  // Signal handlers go in before the "listening" line: whoever waits for that line may signal at once.
  const shutdown = new Promise<void>((resolveShutdown) => {
    const stop = (signal: string) => {
      console.log(`${signal} received: finishing in-flight requests and closing the store`);
      server.close().then(resolveShutdown, (error: unknown) => {
        console.error(error);
        resolveShutdown();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGHUP", () => {
      const error = server.reloadTls();
      console.log(
        error
          ? `SIGHUP: TLS reload failed, keeping the old certificate: ${error.message}`
          : "SIGHUP: TLS certificate reloaded",
      );
    });
  });
  console.log(`Doppel is listening on ${server.httpsUrl}`);
  if (server.httpUrl) console.log(`Doppel is listening on ${server.httpUrl} (plain HTTP)`);
  console.log(
    `TLS certificate: ${server.certPath}${server.tlsGenerated ? " (generated)" : ""}\n` +
      `  trust it in Node.js clients with NODE_EXTRA_CA_CERTS=${server.certPath}`,
  );
  await shutdown;
  return 0;
}

function parsePort(value: string, flag: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a port number between 0 and 65535, got '${value}'`);
  }
  return port;
}
