/**
 * CPU time per twin GET and PATCH in-process (`app.inject`: no sockets, no TLS), on a file-backed
 * SQLite store as `doppel serve` opens it (WAL, group commit, off-loop WAL sync, checkpoint
 * thread), with `--concurrency` requests in flight so group commits form as under load. CPU time
 * (user + system, every thread of the process) barely moves when other processes load the
 * machine, unlike throughput; each figure is the lowest of the rounds (interference only adds).
 *
 *   node dist/bench/twins/inProcessCpu.js [--requests=5000] [--rounds=5] [--concurrency=32] [--methods=GET,PATCH]
 *
 * Run it under `node --cpu-prof` for a profile of the twin path alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../src/http/app.js";
import { allRoutes } from "../../src/http/routes/index.js";
import { createServices } from "../../src/server/createServices.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";

const api = "api-version=2023-10-31";
const twins = 1000;
const model = {
  "@id": "dtmi:bench:Sensor;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [
    { "@type": "Property", name: "name", schema: "string" },
    { "@type": "Property", name: "count", schema: "integer" },
    { "@type": "Property", name: "temperature", schema: "double" },
    { "@type": "Property", name: "enabled", schema: "boolean" },
    { "@type": "Component", name: "status", schema: "dtmi:bench:Status;1" },
  ],
};
const statusModel = {
  "@id": "dtmi:bench:Status;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [{ "@type": "Property", name: "code", schema: "integer" }],
};

type App = ReturnType<typeof buildApp>;

async function main(argv: string[]): Promise<void> {
  const value = (name: string, fallback: number) =>
    Number(argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
  const requests = value("requests", 5000);
  const rounds = value("rounds", 5);
  const concurrency = value("concurrency", 32);
  const methods = (argv.find((arg) => arg.startsWith("--methods="))?.split("=")[1] ?? "GET,PATCH").split(",");
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-inproc-"));
  const services = await createServices(createSqliteStore(join(dir, "doppel.db")), {}, {});
  const app = buildApp(services, allRoutes);
  await app.ready();
  try {
    await seed(app);
    const results: Record<string, number[]> = Object.fromEntries(methods.map((method) => [method, []]));
    for (const method of methods) await measure(app, method, 2000, concurrency); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const method of methods) results[method]!.push(await measure(app, method, requests, concurrency));
    }
    for (const [method, values] of Object.entries(results)) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(
        `${method.padEnd(6)} lowest ${sorted[0]!.toFixed(1)} µs CPU/request, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} µs (${values.map((v) => v.toFixed(0)).join(", ")})`,
      );
    }
  } finally {
    await app.close();
    await services.events.stop();
    await services.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seed(app: App): Promise<void> {
  const created = await app.inject({ method: "POST", url: `/models?${api}`, payload: [statusModel, model] });
  if (created.statusCode !== 201) throw new Error(`model upload answered ${created.statusCode}: ${created.body}`);
  for (let i = 0; i < twins; i++) {
    const payload = {
      $metadata: { $model: model["@id"] },
      name: `sensor ${i}`,
      count: i,
      temperature: 20.5,
      enabled: true,
      status: { $metadata: {}, code: 0 },
    };
    await app.inject({ method: "PUT", url: `/digitaltwins/t${i}?${api}`, payload });
  }
}

let counter = 0;

/** Microseconds of CPU (user + system, all threads) per request, `concurrency` in flight. */
async function measure(app: App, method: string, n: number, concurrency: number): Promise<number> {
  let issued = 0;
  const worker = async () => {
    while (issued < n) {
      issued++;
      const url = `/digitaltwins/t${Math.floor(Math.random() * twins)}?${api}`;
      const k = ++counter;
      const response =
        method === "GET"
          ? await app.inject({ method, url })
          : await app.inject({
              method,
              url,
              headers: { "content-type": "application/json-patch+json" },
              payload: `[{"op":"replace","path":"/count","value":${k}},{"op":"replace","path":"/temperature","value":${k % 40}.5}]`,
            });
      if (response.statusCode >= 300) throw new Error(`${method} answered ${response.statusCode}: ${response.body}`);
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
