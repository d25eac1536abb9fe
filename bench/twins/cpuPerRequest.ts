/**
 * CPU time the Doppel server spends per twin request, at a fixed offered rate: steadier than
 * throughput on a shared machine (other load adds wall time, hardly CPU time). The server runs as
 * a child through its CLI (request log off, mode none), a paced load (`pacedLoad.ts`) sends GETs
 * or PATCHes on random twins, and the child's user + system time from /proc is divided by the
 * requests answered. Each scenario runs `--rounds` times and reports the lowest and the median.
 *
 *   node dist/bench/twins/cpuPerRequest.js [--rate=2000] [--seconds=5] [--rounds=3] [--twins=1000]
 *     [--connections=32] [--scenarios=GET,PATCH] [--prof=DIR] [--server-output]
 *
 * `--prof=DIR` runs the server under `--cpu-prof` and leaves its profile in DIR.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchTls } from "../support/benchTls.js";
import { startDoppel, stop } from "../support/childServer.js";
import { loadAverage } from "../support/loadAverage.js";
import { optionList, optionNumber, optionText } from "../support/options.js";
import { cpuMs, mainThreadCpuMs } from "../support/processCpu.js";
import { seedOverHttps } from "../support/seedOverHttps.js";
import { sensorModels, sensorTwin } from "../support/sensorModel.js";
import { percentile } from "../support/statistics.js";
import { pacedLoad } from "./pacedLoad.js";
import { getRequest, type NextRequest, patchRequest, randomTwin } from "./twinRequests.js";

async function main(argv: string[]): Promise<void> {
  const rate = optionNumber(argv, "rate", 2000);
  const seconds = optionNumber(argv, "seconds", 5);
  const rounds = optionNumber(argv, "rounds", 3);
  const options = { connections: optionNumber(argv, "connections", 32), twins: optionNumber(argv, "twins", 1000) };
  const scenarios = optionList(argv, "scenarios", "GET,PATCH");
  const prof = optionText(argv, "prof");
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-cpu-"));
  const tls = benchTls(dir);
  const nodeArgs = prof === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${prof}`];
  const doppel = await startDoppel(tls, ["--data", join(dir, "doppel")], nodeArgs);
  const pid = doppel.process.pid!;
  // `--server-output`: pass the server's own output through (diagnostics).
  if (argv.includes("--server-output"))
    doppel.process.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  try {
    console.log(`rate ${rate}/s, ${seconds} s x ${rounds} rounds; load average ${loadAverage({ only: 1 })}`);
    await seedOverHttps(doppel.url, tls.cert, { models: sensorModels, twins: options.twins, twin: sensorTwin });
    const shapes: Record<string, () => NextRequest> = {
      GET: () => getRequest(options.twins),
      PATCH: () => patchRequest(randomTwin(options.twins)),
    };
    for (const scenario of scenarios) {
      const shape = shapes[scenario];
      if (shape === undefined) throw new Error(`unknown scenario ${scenario}`);
      // Warm-up: JIT, connections, SQLite page cache.
      await pacedLoad({
        url: doppel.url,
        ca: tls.cert,
        connections: options.connections,
        rate,
        seconds: 2,
        next: shape(),
      });
      const perRequest: number[] = [];
      const p99s: number[] = [];
      const mainPerRequest: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const before = cpuMs(pid);
        const mainBefore = mainThreadCpuMs(pid);
        const result = await pacedLoad({
          url: doppel.url,
          ca: tls.cert,
          connections: options.connections,
          rate,
          seconds,
          next: shape(),
        });
        const cpu = cpuMs(pid) - before;
        const mainCpu = mainThreadCpuMs(pid) - mainBefore;
        const answered = result.perSecond * seconds;
        perRequest.push((cpu * 1000) / answered);
        mainPerRequest.push((mainCpu * 1000) / answered);
        p99s.push(result.p99);
        console.log(
          `${scenario.padEnd(6)} ${((cpu * 1000) / answered).toFixed(1)} µs CPU/request (event loop thread ${((mainCpu * 1000) / answered).toFixed(1)})  ${result.perSecond}/s  p50 ${result.p50} ms  p99 ${result.p99} ms  max ${result.max} ms  failures ${result.failures}`,
        );
      }
      console.log(
        `${scenario.padEnd(6)} all threads: ${summary(perRequest)}; event loop thread: ${summary(mainPerRequest)}; p99 ${p99s.join(", ")} ms`,
      );
    }
    console.log(`load average at the end ${loadAverage({ only: 1 })}`);
  } finally {
    await stop(doppel.process);
    rmSync(dir, { recursive: true, force: true });
  }
}

function summary(values: readonly number[]): string {
  return `lowest ${Math.min(...values).toFixed(1)} µs, median ${percentile(values, 0.5).toFixed(1)} µs`;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
