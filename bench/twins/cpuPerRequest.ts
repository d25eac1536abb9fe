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
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadOrCreateTls } from "../../src/server/tls.js";
import { pacedLoad } from "./pacedLoad.js";
import { cpuMs, getRequest, type NextRequest, patchRequest, randomTwin, seed, startChild, stop } from "./twinsBench.js";

async function main(argv: string[]): Promise<void> {
  const text = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
  const value = (name: string, fallback: number) => Number(text(name) ?? fallback);
  const rate = value("rate", 2000);
  const seconds = value("seconds", 5);
  const rounds = value("rounds", 3);
  const options = { duration: seconds, rounds, connections: value("connections", 32), twins: value("twins", 1000) };
  const scenarios = (text("scenarios") ?? "GET,PATCH").split(",");
  const prof = text("prof");
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-cpu-"));
  const tls = loadOrCreateTls({ dir });
  const cli = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
  const nodeArgs = prof === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${prof}`];
  const serveArgs = ["serve", "--data", join(dir, "doppel"), "--https-port", "0", "--http-port", "0", "--quiet"];
  const tlsArgs = ["--tls-cert", tls.certPath, "--tls-key", join(dir, "tls", "key.pem")];
  const doppel = await startChild(
    [...nodeArgs, cli, ...serveArgs, ...tlsArgs],
    /Doppel is listening on https:\/\/[^:]+:(\d+)/,
  );
  const pid = doppel.process.pid!;
  // `--server-output`: pass the server's own output through (diagnostics).
  if (argv.includes("--server-output"))
    doppel.process.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  try {
    console.log(`rate ${rate}/s, ${seconds} s x ${rounds} rounds; load average ${loadavg()[0]!.toFixed(2)}`);
    await seed(doppel.url, tls.cert, options, true);
    const shapes: Record<string, () => NextRequest> = {
      GET: () => getRequest(options),
      PATCH: () => patchRequest(randomTwin(options)),
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
    console.log(`load average at the end ${loadavg()[0]!.toFixed(2)}`);
  } finally {
    await stop(doppel.process);
    rmSync(dir, { recursive: true, force: true });
  }
}

function summary(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `lowest ${sorted[0]!.toFixed(1)} µs, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} µs`;
}

/** User + system CPU time of a process's main (event loop) thread so far, in ms (Linux /proc). */
function mainThreadCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
