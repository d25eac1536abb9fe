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
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request as httpsRequest } from "node:https";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { loadOrCreateTls } from "../../src/server/tls.js";
import { type PacedRequest, pacedLoad } from "./pacedLoad.js";

export interface Options {
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

const api = "api-version=2023-10-31";
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

function twinBody(i: number): string {
  return JSON.stringify({
    $metadata: { $model: model["@id"] },
    name: `sensor ${i}`,
    count: i,
    temperature: 20.5,
    enabled: true,
    status: { $metadata: {}, code: 0 },
  });
}

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-twins-"));
  const tls = loadOrCreateTls({ dir });
  const keyPath = join(dir, "tls", "key.pem");
  const measurements: Measurement[] = [];
  const children: ChildProcess[] = [];
  try {
    console.log(
      `${options.twins} twins, ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s per scenario and server; load average ${loadAverage()}`,
    );
    const baseline = await startChild(
      [fileURLToPath(new URL("./baselineServer.js", import.meta.url)), join(dir, "baseline.db"), tls.certPath, keyPath],
      /listening (\d+)/,
    );
    children.push(baseline.process);
    const cli = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
    const doppel = await startChild(
      [
        cli,
        "serve",
        "--data",
        join(dir, "doppel"),
        "--https-port",
        "0",
        "--http-port",
        "0",
        "--quiet",
        "--tls-cert",
        tls.certPath,
        "--tls-key",
        keyPath,
      ],
      /Doppel is listening on https:\/\/[^:]+:(\d+)/,
    );
    children.push(doppel.process);
    await seed(baseline.url, tls.cert, options, false);
    await seed(doppel.url, tls.cert, options, true);
    const baselineTarget: Target = { server: "baseline", url: baseline.url, ca: tls.cert, pid: baseline.process.pid! };
    const doppelTarget: Target = { server: "doppel", url: doppel.url, ca: tls.cert, pid: doppel.process.pid! };
    // Rounds alternate baseline and Doppel, so both see the same machine.
    const shapes: [string, () => NextRequest][] = [
      ["GET", () => getRequest(options)],
      ["PUT", () => putRequest(options)],
      ["PATCH", () => patchRequest(randomTwin(options))],
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
        () => getRequest(options),
        halfGet,
      )),
    );
    measurements.push(
      ...(await measureRounds(
        [baselineTarget, doppelTarget],
        "PATCH at half peak",
        options,
        () => patchRequest(randomTwin(options)),
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
  const value = (name: string, fallback: number) =>
    Number(argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
  return {
    duration: value("duration", 3),
    rounds: value("rounds", 3),
    connections: value("connections", 32),
    twins: value("twins", 1000),
  };
}

// ---- Scenarios ----

/** The next request of a scenario (a fresh generator per run: PATCH bodies count up). */
export type NextRequest = () => PacedRequest;

interface Target {
  readonly server: Measurement["server"];
  readonly url: string;
  readonly ca: string;
  readonly pid: number;
}

/** User + system CPU time of a process so far, in ms (Linux /proc; 0 elsewhere). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

export function randomTwin(options: Options): () => number {
  return () => Math.floor(Math.random() * options.twins);
}

export function getRequest(options: Options): NextRequest {
  const pick = randomTwin(options);
  return () => ({ method: "GET", path: `/digitaltwins/t${pick()}?${api}` });
}

function putRequest(options: Options): NextRequest {
  const pick = randomTwin(options);
  return () => {
    const i = pick();
    return {
      method: "PUT",
      path: `/digitaltwins/t${i}?${api}`,
      headers: { "content-type": "application/json" },
      body: twinBody(i),
    };
  };
}

export function patchRequest(pick: () => number): NextRequest {
  let n = 0;
  return () => ({
    method: "PATCH",
    path: `/digitaltwins/t${pick()}?${api}`,
    headers: { "content-type": "application/json-patch+json" },
    body: `[{"op":"replace","path":"/count","value":${++n}},{"op":"replace","path":"/temperature","value":${n % 40}.5}]`,
  });
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
    const median = (pick: (m: Measurement) => number): number => {
      const sorted = measured.map(pick).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)]!;
    };
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

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
}

// ---- Set-up ----

export async function seed(url: string, ca: string, options: Options, withModels: boolean): Promise<void> {
  const agent = new Agent({ keepAlive: true, ca, maxSockets: 16 });
  try {
    if (withModels) {
      const created = await send(agent, url, "POST", `/models?${api}`, JSON.stringify([statusModel, model]));
      if (created !== 201) throw new Error(`model upload answered ${created}`);
    }
    const batch = 64;
    for (let start = 0; start < options.twins; start += batch) {
      const puts = [];
      for (let i = start; i < Math.min(options.twins, start + batch); i++) {
        puts.push(send(agent, url, "PUT", `/digitaltwins/t${i}?${api}`, twinBody(i)));
      }
      const statuses = await Promise.all(puts);
      if (statuses.some((s) => s !== 200)) throw new Error(`seeding answered ${statuses.find((s) => s !== 200)}`);
    }
  } finally {
    agent.destroy();
  }
}

function send(agent: Agent, url: string, method: string, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, url),
      { method, agent, headers: { "content-type": "application/json" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export async function startChild(args: string[], ready: RegExp): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { process: child, url: `https://localhost:${port}` };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
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
