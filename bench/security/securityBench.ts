/**
 * What the security layer costs: twin GET and PATCH over HTTPS against a server in mode `none`
 * (the baseline, measured in the same run) and against one with JWT and API keys on, for an
 * instance-wide JWT principal, an API key and a JWT principal with a models scope (one extra
 * scope query per request). Both servers run as child processes through the CLI, request log
 * off, rate limits off (they would cap one principal at 10,000 reads/s by design).
 *
 *   node dist/bench/run.js security [--duration=2] [--rounds=5] [--connections=32] [--twins=1000]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { api } from "../support/apiVersion.js";
import { benchTls } from "../support/benchTls.js";
import { startDoppel, stop } from "../support/childServer.js";
import { optionNumber } from "../support/options.js";
import { seedOverHttps } from "../support/seedOverHttps.js";
import { leanSensorModel } from "../support/sensorModel.js";
import { medianBy } from "../support/statistics.js";
import type { TwinSeed } from "../support/twinSeed.js";
import { authCpuPerRequest } from "./authCpuPerRequest.js";
import { benchAuth } from "./benchAuth.js";

interface Options {
  readonly duration: number;
  readonly connections: number;
  readonly twins: number;
  readonly rounds: number;
}

interface Measurement {
  readonly scenario: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

const cli = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
/** Twins with a name and a count. */
const model = leanSensorModel(2);

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-security-"));
  const tls = benchTls(dir);
  const results: Measurement[] = [];
  try {
    const auth = await benchAuth(model["@id"]);
    const config = join(dir, "auth.json");
    writeFileSync(config, JSON.stringify(auth.options));
    const securedDir = join(dir, "secured");
    const created = execFileSync(
      process.execPath,
      [cli, "keys", "create", "--name", "bench", "--role", "Azure Digital Twins Data Owner", "--data", securedDir],
      { encoding: "utf8" },
    );
    const apiKey = /key: (\S+)/.exec(created)![1]!;
    const owner = await auth.bearer("owners");
    const scoped = await auth.bearer("scoped");

    // Both servers run at once and the scenarios take turns in short rounds, so load from
    // elsewhere on the machine hits every scenario alike; each figure is the median round.
    const open = await startDoppel(tls, ["--data", join(dir, "open")]);
    const secured = await startDoppel(tls, ["--data", securedDir, "--auth-config", config]);
    try {
      await seedOverHttps(open.url, tls.cert, sensors(options));
      await seedOverHttps(secured.url, tls.cert, { ...sensors(options), authorization: owner });
      const scenarios: Scenario[] = [
        { name: "GET, mode none", url: open.url, shape: getRequest(options) },
        { name: "GET, JWT", url: secured.url, shape: getRequest(options, owner) },
        { name: "GET, API key", url: secured.url, shape: getRequest(options, `Bearer ${apiKey}`) },
        { name: "GET, JWT, models scope", url: secured.url, shape: getRequest(options, scoped) },
        { name: "PATCH, mode none", url: open.url, shape: patchRequest(options) },
        { name: "PATCH, JWT", url: secured.url, shape: patchRequest(options, owner) },
        { name: "PATCH, JWT, models scope", url: secured.url, shape: patchRequest(options, scoped) },
      ];
      results.push(...(await rounds(scenarios, tls.cert, options)));
    } finally {
      await stop(open.process);
      await stop(secured.process);
    }
    report(results);
    console.log("\nCPU per request, in-process (app.inject; lowest of the rounds):\n");
    const cpu = await authCpuPerRequest(options.rounds);
    const base = (name: string) => cpu.get(`${name.split(",")[0]}, mode none`)!;
    console.log("| scenario | µs CPU / request | ratio to mode none |");
    console.log("|---|---:|---:|");
    for (const [name, us] of cpu) console.log(`| ${name} | ${us.toFixed(0)} | ${(us / base(name)).toFixed(2)} |`);
    const ratio = (name: string) => cpu.get(name)! / base(name);
    const checks: [string, boolean][] = [
      ["JWT GET costs <= 1.5x the CPU of mode none", ratio("GET, JWT") <= 1.5],
      ["API key GET costs <= 1.5x", ratio("GET, API key") <= 1.5],
      ["models-scoped GET costs <= 1.8x", ratio("GET, JWT, models scope") <= 1.8],
      ["JWT PATCH costs <= 1.2x", ratio("PATCH, JWT") <= 1.2],
      ["no failed requests over HTTPS", results.every((m) => m.failures === 0)],
    ];
    console.log("");
    for (const [name, ok] of checks) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): Options {
  return {
    duration: optionNumber(argv, "duration", 2),
    connections: optionNumber(argv, "connections", 32),
    twins: optionNumber(argv, "twins", 1000),
    rounds: optionNumber(argv, "rounds", 5),
  };
}

function sensors(options: Options): TwinSeed {
  return {
    models: [model],
    twins: options.twins,
    twin: (i) => ({ $metadata: { $model: model["@id"] }, name: `t${i}`, count: i }),
  };
}

type RequestShape = (request: autocannon.Request) => autocannon.Request;

function getRequest(options: Options, authorization?: string): RequestShape {
  return (request) => ({
    ...request,
    method: "GET",
    path: `/digitaltwins/t${Math.floor(Math.random() * options.twins)}?${api}`,
    headers: authorization ? { authorization } : {},
  });
}

function patchRequest(options: Options, authorization?: string): RequestShape {
  let n = 0;
  return (request) => ({
    ...request,
    method: "PATCH",
    path: `/digitaltwins/t${Math.floor(Math.random() * options.twins)}?${api}`,
    headers: { "content-type": "application/json-patch+json", ...(authorization ? { authorization } : {}) },
    body: `[{"op":"replace","path":"/count","value":${++n}}]`,
  });
}

interface Scenario {
  readonly name: string;
  readonly url: string;
  readonly shape: RequestShape;
}

async function rounds(scenarios: readonly Scenario[], ca: string, options: Options): Promise<Measurement[]> {
  const runs = new Map<string, Measurement[]>(scenarios.map((s) => [s.name, []]));
  for (const s of scenarios) await measure(s, ca, options, 1); // warm-up (JIT, connections)
  for (let round = 0; round < options.rounds; round++) {
    for (const s of scenarios) runs.get(s.name)!.push(await measure(s, ca, options, options.duration));
  }
  return scenarios.map((s) => {
    const measured = runs.get(s.name)!;
    const median = medianBy(measured, (r) => r.perSecond);
    const m = { ...median, failures: measured.reduce((sum, r) => sum + r.failures, 0) };
    console.log(
      `${s.name.padEnd(26)} ${String(m.perSecond).padStart(7)}/s  p50 ${m.p50} ms  p99 ${m.p99} ms  failures ${m.failures}  (median of ${measured.length})`,
    );
    return m;
  });
}

async function measure(scenario: Scenario, ca: string, options: Options, duration: number): Promise<Measurement> {
  const result = await autocannon({
    url: scenario.url,
    connections: options.connections,
    tlsOptions: { ca },
    requests: [{ setupRequest: scenario.shape }],
    duration,
  });
  return {
    scenario: scenario.name,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function report(results: readonly Measurement[]): void {
  const baseline = (scenario: string) => results.find((m) => m.scenario === `${scenario.split(",")[0]}, mode none`)!;
  console.log("\n| scenario | req/s | ratio to mode none | p50 | p99 | failures |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const m of results) {
    console.log(
      `| ${m.scenario} | ${m.perSecond} | ${(m.perSecond / baseline(m.scenario).perSecond).toFixed(2)} | ${m.p50} ms | ${m.p99} ms | ${m.failures} |`,
    );
  }
}
