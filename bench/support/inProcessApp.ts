import type { InjectOptions } from "fastify";
import type { AuthOptions } from "../../src/auth/authOptions.js";
import { buildApp } from "../../src/http/app.js";
import { allRoutes } from "../../src/http/routes/index.js";
import { createServices } from "../../src/server/createServices.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { api } from "./apiVersion.js";
import type { TwinSeed } from "./twinSeed.js";

export type App = ReturnType<typeof buildApp>;
export type Services = Awaited<ReturnType<typeof createServices>>;

/**
 * The whole API in this process, driven with `app.inject` (no sockets, no TLS): what is left is
 * the server's own CPU per request. `file` is a SQLite file (opened as `doppel serve` opens it)
 * or `:memory:`.
 */
export interface InProcessApp {
  readonly app: App;
  readonly services: Services;
  close(): Promise<void>;
}

export async function startInProcess(file: string, auth?: AuthOptions): Promise<InProcessApp> {
  const services = await createServices(createSqliteStore(file), {}, auth === undefined ? {} : { auth });
  const app = buildApp(services, allRoutes);
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
      await services.events.stop();
      await services.store.close();
    },
  };
}

/** Uploads the models and PUTs the twins one by one through `app.inject`. */
export async function seedInProcess(app: App, seed: TwinSeed): Promise<void> {
  const headers = seed.authorization === undefined ? {} : { authorization: seed.authorization };
  const created = await app.inject({ method: "POST", url: `/models?${api}`, headers, payload: [...seed.models] });
  if (created.statusCode !== 201) throw new Error(`model upload answered ${created.statusCode}: ${created.body}`);
  for (let i = 0; i < seed.twins; i++) {
    const put = await app.inject({ method: "PUT", url: `/digitaltwins/t${i}?${api}`, headers, payload: seed.twin(i) });
    if (put.statusCode !== 200) throw new Error(`seeding answered ${put.statusCode}: ${put.body}`);
  }
}

/** One request of a CPU measurement: `i` counts the requests of the measurement from 0. */
export type InjectRequest = (i: number) => InjectOptions;

/**
 * Microseconds of CPU (user + system, all threads of this process) per request, `concurrency`
 * requests in flight; any answer other than 2xx stops the benchmark.
 */
export async function injectCpuPerRequest(
  app: App,
  requests: number,
  concurrency: number,
  request: InjectRequest,
): Promise<number> {
  let issued = 0;
  const worker = async () => {
    while (issued < requests) {
      const options = request(issued++);
      const response = await app.inject(options);
      if (response.statusCode >= 300) {
        throw new Error(`${options.method} answered ${response.statusCode}: ${response.body}`);
      }
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}
