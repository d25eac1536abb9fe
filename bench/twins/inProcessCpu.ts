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
import { api } from "../support/apiVersion.js";
import { type App, injectCpuPerRequest, seedInProcess, startInProcess } from "../support/inProcessApp.js";
import { optionList, optionNumber } from "../support/options.js";
import { sensorModels, sensorTwin } from "../support/sensorModel.js";
import { percentile } from "../support/statistics.js";
import { patchBody } from "./twinRequests.js";

const twins = 1000;

async function main(argv: string[]): Promise<void> {
  const requests = optionNumber(argv, "requests", 5000);
  const rounds = optionNumber(argv, "rounds", 5);
  const concurrency = optionNumber(argv, "concurrency", 32);
  const methods = optionList(argv, "methods", "GET,PATCH");
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-inproc-"));
  const { app, close } = await startInProcess(join(dir, "doppel.db"));
  try {
    await seedInProcess(app, { models: sensorModels, twins, twin: sensorTwin });
    const results: Record<string, number[]> = Object.fromEntries(methods.map((method) => [method, []]));
    for (const method of methods) await measure(app, method, 2000, concurrency); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const method of methods) results[method]!.push(await measure(app, method, requests, concurrency));
    }
    for (const [method, values] of Object.entries(results)) {
      console.log(
        `${method.padEnd(6)} lowest ${Math.min(...values).toFixed(1)} µs CPU/request, median ${percentile(values, 0.5).toFixed(1)} µs (${values.map((v) => v.toFixed(0)).join(", ")})`,
      );
    }
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

let counter = 0;

/** Microseconds of CPU (user + system, all threads) per GET or PATCH of a random twin. */
function measure(app: App, method: string, n: number, concurrency: number): Promise<number> {
  return injectCpuPerRequest(app, n, concurrency, () => {
    const url = `/digitaltwins/t${Math.floor(Math.random() * twins)}?${api}`;
    if (method === "GET") return { method: "GET", url };
    return {
      method: "PATCH",
      url,
      headers: { "content-type": "application/json-patch+json" },
      payload: patchBody(++counter),
    };
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
