/**
 * Query benchmark: a synthetic estate (campuses → buildings → floors → rooms → sensors) written
 * straight into SQLite, then seven query shapes measured four ways in the same run:
 *
 * - http: POST /query over HTTPS, sequential requests, p50 and p99 (first page, default size)
 * - engine: the query service in-process (parse → analyse → compile → run → JSON), p50
 * - sql: the statement the compiler produced, run directly on a connection of the bench, p50
 * - baseline: hand-written SQL answering the same question (same page), same connection, p50
 *
 * `ratio` = sql / baseline: what the compiler costs against a person writing the SQL. Point
 * lookups are also driven concurrently (autocannon in a child process) for queries per second.
 *
 *   node dist/bench/run.js query [--sizes=100000,1000000] [--seconds=3] [--data=DIR] [--keep]
 *
 * Generated databases are kept under --data (default: a temp dir) with --keep, and reused.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import Fastify from "fastify";
import { startServer } from "../../src/server/startServer.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { optionList, optionNumber, optionText } from "../support/options.js";
import { percentile } from "../support/statistics.js";
import { type BenchGraph, generateBenchGraph, twinsPerCampus } from "./benchGraph.js";
import { type BenchShape, benchShapes } from "./benchShapes.js";

interface Options {
  readonly sizes: readonly number[];
  readonly seconds: number;
  readonly data: string;
  readonly keep: boolean;
}

interface Throughput {
  readonly perSecond: number;
  readonly p50: number;
}

interface ThroughputRow {
  readonly size: number;
  readonly doppel: Throughput;
  readonly bare: Throughput;
}

interface Row {
  readonly size: number;
  readonly shape: string;
  readonly rows: number;
  readonly httpP50: number;
  readonly httpP99: number;
  readonly engineP50: number;
  readonly sqlP50: number;
  readonly baselineP50: number;
}

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  mkdirSync(options.data, { recursive: true });
  const results: Row[] = [];
  const throughput: ThroughputRow[] = [];
  try {
    for (const size of options.sizes) {
      const campuses = Math.max(1, Math.round(size / twinsPerCampus));
      const { file, graph } = prepareDatabase(options.data, campuses);
      console.log(
        `\n### ${graph.twins.toLocaleString("en")} twins, ${graph.relationships.toLocaleString("en")} relationships\n`,
      );
      const measured = await measureSize(file, graph, options);
      results.push(...measured.rows.map((row) => ({ ...row, size: graph.twins })));
      throughput.push({ size: graph.twins, ...measured.throughput });
    }
  } finally {
    if (!options.keep) rmSync(options.data, { recursive: true, force: true });
  }
  printTables(results, throughput);
}

function parseOptions(argv: string[]): Options {
  const data = optionText(argv, "data");
  const sizes = optionList(argv, "sizes", "100000").map(Number);
  if (sizes.some((size) => !Number.isFinite(size) || size < 1))
    throw new Error("--sizes takes twin counts, e.g. 100000,1000000");
  return {
    sizes,
    seconds: optionNumber(argv, "seconds", 3),
    data: data ?? join(tmpdir(), "doppel-bench-query"),
    keep: argv.includes("--keep") || data !== undefined,
  };
}

function prepareDatabase(dir: string, campuses: number): { file: string; graph: BenchGraph } {
  const file = join(dir, `estate-${campuses}.db`);
  const manifest = `${file}.json`;
  if (existsSync(file) && existsSync(manifest)) {
    console.log(`reusing ${file}`);
    return { file, graph: JSON.parse(readFileSync(manifest, "utf8")) as BenchGraph };
  }
  rmSync(file, { force: true });
  const started = Date.now();
  createSqliteStore(file).close();
  const graph = generateBenchGraph(file, campuses);
  writeFileSync(manifest, JSON.stringify(graph));
  console.log(`generated ${graph.twins} twins in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { file, graph };
}

async function measureSize(
  file: string,
  graph: BenchGraph,
  options: Options,
): Promise<{ rows: Omit<Row, "size">[]; throughput: Omit<ThroughputRow, "size"> }> {
  const store = createSqliteStore(file);
  const server = await startServer({
    dataDir: join(options.data, "tls"),
    store,
    httpsPort: 0,
    httpPort: null,
    logger: false,
  });
  const cert = readFileSync(server.certPath);
  const agent = new Agent({ keepAlive: true, ca: cert, maxSockets: 1 });
  const db = new Database(file, { readonly: true });
  db.pragma("cache_size = -65536");
  db.function("doppel_query_tick", { deterministic: false }, () => 1);
  const rows: Omit<Row, "size">[] = [];
  try {
    for (const shape of benchShapes(graph)) {
      const row = await measureShape(shape, server.httpsUrl, agent, server.services.query, db, options.seconds);
      rows.push(row);
      console.log(
        `${shape.name.padEnd(28)} rows ${String(row.rows).padStart(5)}  http p50 ${fmt(row.httpP50)} p99 ${fmt(row.httpP99)}` +
          `  engine ${fmt(row.engineP50)}  sql ${fmt(row.sqlP50)}  baseline ${fmt(row.baselineP50)}  ratio ${(row.sqlP50 / row.baselineP50).toFixed(2)}`,
      );
    }
    const throughput = await compareThroughput(
      server,
      file,
      join(options.data, "tls"),
      graph.rooms,
      options.seconds * 2,
    );
    console.log(
      `point lookups, 16 connections: Doppel ${throughput.doppel.perSecond.toFixed(0)} queries/s (p50 ${throughput.doppel.p50} ms),` +
        ` bare Fastify + SQLite ${throughput.bare.perSecond.toFixed(0)} queries/s (p50 ${throughput.bare.p50} ms)`,
    );
    return { rows, throughput };
  } finally {
    agent.destroy();
    db.close();
    await server.close();
  }
}

async function measureShape(
  shape: BenchShape,
  url: string,
  agent: Agent,
  service: { query(request: { query: string }): Promise<{ body: string }>; prepare(text: string): unknown },
  db: Database.Database,
  seconds: number,
): Promise<Omit<Row, "size">> {
  const compiledQuery = shape.query(0);
  const analyzed = service.prepare(compiledQuery) as Parameters<typeof shape.compile>[0];
  const compiled = shape.compile(analyzed);
  const ours = db.prepare(compiled.sql).raw(true);
  const baseline = db.prepare(shape.baseline.sql).raw(true);
  const rows = (JSON.parse((await service.query({ query: compiledQuery })).body) as { value: unknown[] }).value.length;
  const baselineRows = baseline.all(...shape.baseline.params(0)).length;
  if (Math.min(rows, 1000) !== Math.min(baselineRows, 1000)) {
    throw new Error(`${shape.name}: the engine returned ${rows} rows, the baseline ${baselineRows}`);
  }
  const http = await sample(seconds, async (i) => {
    await post(url, agent, shape.query(i));
  });
  const engine = await sample(seconds, async (i) => {
    await service.query({ query: shape.query(i) });
  });
  // SQL and baseline share each iteration: both run once untimed (so neither pays the other's
  // cache misses), then both are timed, in alternating order, so outside load hits both alike.
  const sqlTimes: number[] = [];
  const baselineTimes: number[] = [];
  const deadline = Date.now() + seconds * 1000 * 2;
  for (let i = 0; (Date.now() < deadline && i < 400) || i < 5; i += 1) {
    const parameters = shape.compile(service.prepare(shape.query(i)) as Parameters<typeof shape.compile>[0]).params;
    const baselineParameters = shape.baseline.params(i);
    const runOurs = () => ours.all(...parameters);
    const runBaseline = () => baseline.all(...baselineParameters);
    if (sqlTimes.length === 0 || shape.repeatable) {
      runOurs();
      runBaseline();
    }
    if (i % 2 === 0) {
      sqlTimes.push(time(runOurs));
      baselineTimes.push(time(runBaseline));
    } else {
      baselineTimes.push(time(runBaseline));
      sqlTimes.push(time(runOurs));
    }
  }
  return {
    shape: shape.name,
    rows,
    httpP50: percentile(http, 0.5),
    httpP99: percentile(http, 0.99),
    engineP50: percentile(engine, 0.5),
    sqlP50: percentile(sqlTimes, 0.5),
    baselineP50: percentile(baselineTimes, 0.5),
  };
}

/** Runs `task` repeatedly for about `seconds` (at least 5 times, at most 400), after 2 warm-ups. */
async function sample(seconds: number, task: (i: number) => Promise<void>): Promise<number[]> {
  await task(0);
  await task(1);
  const times: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  for (let i = 0; (Date.now() < deadline && i < 400) || i < 5; i += 1) {
    const started = process.hrtime.bigint();
    await task(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

function time(task: () => unknown): number {
  const started = process.hrtime.bigint();
  task();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function post(url: string, agent: Agent, query: string): Promise<void> {
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/query?api-version=2023-10-31`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.on("data", () => {});
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} for ${query}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Point lookups against Doppel and against the HTTP floor: a bare Fastify HTTPS server answering
 * the same request with hand-written SQL on its own connection. Two alternating rounds each; the
 * better round counts (the machine is shared).
 */
async function compareThroughput(
  server: { httpsUrl: string; certPath: string },
  file: string,
  tlsDir: string,
  ids: readonly string[],
  seconds: number,
): Promise<Omit<ThroughputRow, "size">> {
  const db = new Database(file, { readonly: true });
  const lookup = db.prepare("SELECT doc FROM twins WHERE id = ?").pluck();
  const bare = Fastify({
    https: { key: readFileSync(join(tlsDir, "tls", "key.pem")), cert: readFileSync(server.certPath) },
  });
  bare.post("/query", async (request, reply) => {
    const id = /'([^']*)'/.exec((request.body as { query: string }).query)?.[1];
    const doc = lookup.get(id) as string | undefined;
    reply.header("content-type", "application/json; charset=utf-8").header("query-charge", "2.52");
    return `{"value":[${doc ?? ""}],"continuationToken":null}`;
  });
  const bareUrl = (await bare.listen({ host: "127.0.0.1", port: 0 })).replace("127.0.0.1", "localhost");
  try {
    const best = (a: Throughput, b: Throughput) => (a.perSecond >= b.perSecond ? a : b);
    let doppel: Throughput = { perSecond: 0, p50: 0 };
    let floor: Throughput = { perSecond: 0, p50: 0 };
    for (let round = 0; round < 2; round += 1) {
      doppel = best(doppel, await pointThroughput(server.httpsUrl, server.certPath, ids, seconds));
      floor = best(floor, await pointThroughput(bareUrl, server.certPath, ids, seconds));
    }
    return { doppel, bare: floor };
  } finally {
    await bare.close();
    db.close();
  }
}

/** autocannon in a child process (so it does not share the server's event loop, which must stay free). */
async function pointThroughput(
  url: string,
  certPath: string,
  ids: readonly string[],
  seconds: number,
): Promise<{ perSecond: number; p50: number }> {
  const script = fileURLToPath(new URL("./pointLoad.js", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, url, JSON.stringify(ids), String(seconds)], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certPath },
    encoding: "utf8",
  });
  return JSON.parse(stdout) as { perSecond: number; p50: number };
}

function fmt(ms: number): string {
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`.padStart(9);
}

function printTables(rows: readonly Row[], throughput: readonly ThroughputRow[]): void {
  console.log(
    "\n| twins | shape | rows | HTTP p50 | HTTP p99 | engine p50 | compiled SQL p50 | hand-written SQL p50 | ratio |",
  );
  console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    console.log(
      `| ${row.size.toLocaleString("en")} | ${row.shape} | ${row.rows} | ${ms(row.httpP50)} | ${ms(row.httpP99)} | ${ms(row.engineP50)} | ${ms(row.sqlP50)} | ${ms(row.baselineP50)} | ${(row.sqlP50 / row.baselineP50).toFixed(2)} |`,
    );
  }
  console.log(
    "\n| twins | Doppel point lookups, HTTPS, 16 connections | p50 | bare Fastify + SQLite, same requests | p50 |",
  );
  console.log("|---:|---:|---:|---:|---:|");
  for (const entry of throughput) {
    console.log(
      `| ${entry.size.toLocaleString("en")} | ${entry.doppel.perSecond.toFixed(0)} queries/s | ${entry.doppel.p50} ms | ${entry.bare.perSecond.toFixed(0)} queries/s | ${entry.bare.p50} ms |`,
    );
  }
}

function ms(value: number): string {
  return `${value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}
