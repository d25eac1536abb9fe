/**
 * Throughput and latency of the twin API over HTTPS on loopback, against a baseline measured in
 * the same run: a bare Fastify HTTPS server running the same SQLite statements
 * (`baselineServer.ts`). Both servers run as child processes (Doppel through its CLI, request
 * log off); autocannon drives them from this process.
 *
 *   node dist/bench/run.js twins [--duration=3] [--rounds=3] [--connections=32] [--twins=1000]
 *
 * Scenarios: GET, PUT (replace) and PATCH on random twins, as fast as the server answers
 * (autocannon); PATCH on one single twin; GET and PATCH again at a steady half of Doppel's peak
 * rate (`pacedLoad.ts`, on both servers), for the latency there. Each scenario runs in rounds that
 * alternate baseline and Doppel, and reports the median round: on a shared machine a burst of
 * other work then spoils one round, not the comparison.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { benchTls } from "../support/benchTls.js";
import { startChild, startDoppel, stop } from "../support/childServer.js";
import { loadAverage } from "../support/loadAverage.js";
import { optionNumber } from "../support/options.js";
import { cpuMs } from "../support/processCpu.js";
import { seedOverHttps } from "../support/seedOverHttps.js";
import { sensorModels, sensorTwin } from "../support/sensorModel.js";
import { percentile } from "../support/statistics.js";
import { type PacedRequest, pacedLoad } from "./pacedLoad.js";
import { getRequest, type NextRequest, patchRequest, putRequest, randomTwin } from "./twinRequests.js";

interface Options {
  readonly duration: number;
  readonly rounds: number;
  readonly connections: number;
  readonly twins: number;
}

interface Measurement {
  readonly server: "baseline" | "doppel";
  readonly scenario: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  /** Requests per second of the server's own CPU time (user + system): capacity on a dedicated core. */
  readonly perCpuSecond: number;
}

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-twins-"));
  const tls = benchTls(dir);
  const measurements: Measurement[] = [];
  const children: ChildProcess[] = [];
  try {
    console.log(
      `${options.twins} twins, ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s per scenario and server; load average ${loadAverage()}`,
    );
    const baseline = await startChild(
      [
        fileURLToPath(new URL("./baselineServer.js", import.meta.url)),
        join(dir, "baseline.db"),
        tls.certPath,
        tls.keyPath,
      ],
      /listening (\d+)/,
    );
    children.push(baseline.process);
    const doppel = await startDoppel(tls, ["--data", join(dir, "doppel")]);
    children.push(doppel.process);
    const twins = { twins: options.twins, twin: sensorTwin };
    await seedOverHttps(baseline.url, tls.cert, { models: [], ...twins });
    await seedOverHttps(doppel.url, tls.cert, { models: sensorModels, ...twins });
    const baselineTarget: Target = { server: "baseline", url: baseline.url, ca: tls.cert, pid: baseline.process.pid! };
    const doppelTarget: Target = { server: "doppel", url: doppel.url, ca: tls.cert, pid: doppel.process.pid! };
    // Rounds alternate baseline and Doppel, so both see the same machine.
    const shapes: [string, () => NextRequest][] = [
      ["GET", () => getRequest(options.twins)],
      ["PUT", () => putRequest(options.twins)],
      ["PATCH", () => patchRequest(randomTwin(options.twins))],
      ["PATCH one twin", () => patchRequest(() => 0)],
    ];
    for (const [scenario, shape] of shapes) {
      const [base, ours] = await measureRounds([baselineTarget, doppelTarget], scenario, options, shape);
      measurements.push(base!, ours!);
    }
    const peak = (name: string) => measurements.find((m) => m.server === "doppel" && m.scenario === name)!.perSecond;
    const halfGet = Math.floor(peak("GET") / 2);
    const halfPatch = Math.floor(peak("PATCH") / 2);
    // The baseline at the same rate tells how much of a p99 is the machine's (other load, disk).
    measurements.push(
      ...(await measureRounds(
        [baselineTarget, doppelTarget],
        "GET at half peak",
        options,
        () => getRequest(options.twins),
        halfGet,
      )),
    );
    measurements.push(
      ...(await measureRounds(
        [baselineTarget, doppelTarget],
        "PATCH at half peak",
        options,
        () => patchRequest(randomTwin(options.twins)),
        halfPatch,
      )),
    );
    report(measurements);
    console.log(`\nload average at the end ${loadAverage()}`);
  } finally {
    for (const child of children) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): Options {
  return {
    duration: optionNumber(argv, "duration", 3),
    rounds: optionNumber(argv, "rounds", 3),
    connections: optionNumber(argv, "connections", 32),
    twins: optionNumber(argv, "twins", 1000),
  };
}

// ---- Scenarios ----

interface Target {
  readonly server: Measurement["server"];
  readonly url: string;
  readonly ca: string;
  readonly pid: number;
}

/**
 * One scenario on each target, in `options.rounds` rounds that alternate the targets (each round
 * of each target after a 1 s warm-up the first time); the median round of each target.
 */
async function measureRounds(
  targets: readonly Target[],
  scenario: string,
  options: Options,
  next: () => NextRequest,
  rate?: number,
): Promise<Measurement[]> {
  const rounds = targets.map(() => [] as Measurement[]);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, target] of targets.entries()) {
      rounds[i]!.push(
        rate === undefined
          ? await measure(target, scenario, options, next(), round === 0)
          : await measurePaced(target, scenario, options, next(), rate),
      );
    }
  }
  return rounds.map((measured) => {
    const median = (pick: (m: Measurement) => number): number => percentile(measured.map(pick), 0.5);
    const result: Measurement = {
      server: measured[0]!.server,
      scenario,
      perSecond: median((m) => m.perSecond),
      p50: median((m) => m.p50),
      p99: median((m) => m.p99),
      failures: measured.reduce((sum, m) => sum + m.failures, 0),
      perCpuSecond: median((m) => m.perCpuSecond),
    };
    if (options.rounds > 1) {
      console.log(
        `${result.server.padEnd(8)} ${scenario.padEnd(20)} median ${result.perSecond}/s  p50 ${result.p50} ms  p99 ${result.p99} ms  ${result.perCpuSecond}/CPU-s`,
      );
    }
    return result;
  });
}

/** As many requests as the server answers, from `options.connections` connections (autocannon). */
async function measure(
  target: Target,
  scenario: string,
  options: Options,
  next: NextRequest,
  warmUp: boolean,
): Promise<Measurement> {
  const { server, url, ca, pid } = target;
  const base = {
    url,
    connections: options.connections,
    tlsOptions: { ca },
    requests: [{ setupRequest: (request: autocannon.Request) => toAutocannon(request, next()) }],
  };
  if (warmUp) await autocannon({ ...base, duration: 1 }); // JIT, connection set-up
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ ...base, duration: options.duration });
  const cpu = cpuMs(pid) - cpuBefore;
  const measurement: Measurement = {
    server,
    scenario,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    perCpuSecond: cpu > 0 ? Math.round((result.requests.total / cpu) * 1000) : 0,
  };
  log(measurement);
  return measurement;
}

/** A steady `rate` of requests (see `pacedLoad.ts`), for the latency at that rate. */
async function measurePaced(
  target: Target,
  scenario: string,
  options: Options,
  next: NextRequest,
  rate: number,
): Promise<Measurement> {
  const { server, url, ca, pid } = target;
  const cpuBefore = cpuMs(pid);
  const result = await pacedLoad({ url, ca, connections: options.connections, rate, seconds: options.duration, next });
  const cpu = cpuMs(pid) - cpuBefore;
  const measurement: Measurement = {
    server,
    scenario,
    perSecond: result.perSecond,
    p50: result.p50,
    p99: result.p99,
    failures: result.failures,
    perCpuSecond: cpu > 0 ? Math.round(((result.perSecond * options.duration) / cpu) * 1000) : 0,
  };
  log(measurement, ` max ${result.max} ms`);
  return measurement;
}

function toAutocannon(request: autocannon.Request, next: PacedRequest): autocannon.Request {
  const { method, path, headers, body } = next;
  return {
    ...request,
    method: method as autocannon.Request["method"],
    path,
    ...(headers === undefined ? {} : { headers: { ...headers } }),
    ...(body === undefined ? {} : { body }),
  };
}

function log(measurement: Measurement, extra = ""): void {
  const { server, scenario, perSecond, p50, p99, perCpuSecond, failures } = measurement;
  console.log(
    `${server.padEnd(8)} ${scenario.padEnd(20)} ${String(perSecond).padStart(7)}/s  p50 ${p50} ms  p99 ${p99} ms${extra}  ${perCpuSecond}/CPU-s  failures ${failures}`,
  );
}

// ---- Report ----

function report(measurements: readonly Measurement[]): void {
  const find = (server: Measurement["server"], scenario: string) =>
    measurements.find((m) => m.server === server && m.scenario === scenario);
  console.log(
    "\n| scenario | baseline req/s | Doppel req/s | ratio | baseline req/CPU-s | Doppel req/CPU-s | CPU ratio | Doppel p50 | Doppel p99 | baseline p99 | failures |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of measurements.filter((x) => x.server === "doppel")) {
    const base = find("baseline", m.scenario);
    const ratio = base === undefined ? "" : (m.perSecond / base.perSecond).toFixed(2);
    const cpuRatio =
      base === undefined || base.perCpuSecond === 0 ? "" : (m.perCpuSecond / base.perCpuSecond).toFixed(2);
    console.log(
      `| ${m.scenario} | ${base?.perSecond ?? ""} | ${m.perSecond} | ${ratio} | ${base?.perCpuSecond ?? ""} | ${m.perCpuSecond} | ${cpuRatio} | ${m.p50} ms | ${m.p99} ms | ${base === undefined ? "" : `${base.p99} ms`} | ${m.failures} |`,
    );
  }
  const checks: [string, boolean][] = [];
  const get = find("doppel", "GET")!;
  const patch = find("doppel", "PATCH")!;
  checks.push(["GET >= 10,000/s", get.perSecond >= 10_000]);
  checks.push(["GET >= half the baseline", get.perSecond >= find("baseline", "GET")!.perSecond / 2]);
  checks.push(["PATCH >= 5,000/s", patch.perSecond >= 5_000]);
  checks.push(["PATCH >= half the baseline", patch.perSecond >= find("baseline", "PATCH")!.perSecond / 2]);
  checks.push(["one twin >= 1,000 writes/s", find("doppel", "PATCH one twin")!.perSecond >= 1_000]);
  checks.push(["PUT >= half the baseline", find("doppel", "PUT")!.perSecond >= find("baseline", "PUT")!.perSecond / 2]);
  checks.push(["GET p99 < 25 ms at half peak", find("doppel", "GET at half peak")!.p99 < 25]);
  checks.push(["PATCH p99 < 25 ms at half peak", find("doppel", "PATCH at half peak")!.p99 < 25]);
  checks.push(["no failed requests", measurements.every((m) => m.failures === 0)]);
  console.log("");
  for (const [name, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
}
