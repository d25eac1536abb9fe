/**
 * Scale-out benchmark: the twin API on one SQLite node (the baseline, measured in the same run)
 * against one, two and three `doppel serve` nodes over one PostgreSQL; then the query shapes of
 * the query benchmark on the same estate in SQLite and in PostgreSQL.
 *
 *   node dist/bench/run.js cluster [--duration=5] [--connections=32] [--twins=1000]
 *                                  [--nodes=1,2,3] [--campuses=5] [--parts=twins,queries]
 *                                  [--scenarios=GET,PATCH,PATCH one twin] [--no-sqlite] [--repeat=1]
 *                                  [--postgres=postgres://postgres@127.0.0.1:5432/test]
 *
 * Every node, PostgreSQL and the load generator share this machine: on two cores more nodes
 * add contention, not capacity. The figures say what one machine allows, not what a cluster
 * of machines would do. With --repeat=N each scenario runs N times and the best run counts.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { createQueryService } from "../../src/query/createQueryService.js";
import type { QueryService } from "../../src/query/queryService.js";
import { createPostgresStore } from "../../src/store/postgres/createPostgresStore.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { generateBenchGraph } from "../query/benchGraph.js";
import { benchShapes } from "../query/benchShapes.js";
import { api } from "../support/apiVersion.js";
import { type BenchTls, benchTls } from "../support/benchTls.js";
import { type ChildServer, startDoppel, stop } from "../support/childServer.js";
import { optionList, optionNumber, optionText } from "../support/options.js";
import { seedOverHttps } from "../support/seedOverHttps.js";
import { leanSensorModel } from "../support/sensorModel.js";
import { percentile } from "../support/statistics.js";
import type { TwinSeed } from "../support/twinSeed.js";

interface Options {
  readonly duration: number;
  readonly connections: number;
  readonly twins: number;
  readonly nodes: readonly number[];
  readonly campuses: number;
  readonly parts: readonly string[];
  readonly scenarios: readonly string[];
  readonly sqlite: boolean;
  /** Runs per scenario; the best counts (the machine is shared, interference only slows). */
  readonly repeat: number;
  readonly postgres: string;
}

interface Measurement {
  readonly setup: string;
  readonly scenario: string;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

/** Twins with a name, a count and a temperature. */
const model = leanSensorModel(3);

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const dir = mkdtempSync(join(tmpdir(), "doppel-bench-cluster-"));
  try {
    if (options.parts.includes("twins")) await twinsPart(options, dir);
    if (options.parts.includes("queries")) await queriesPart(options, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): Options {
  return {
    duration: optionNumber(argv, "duration", 5),
    connections: optionNumber(argv, "connections", 32),
    twins: optionNumber(argv, "twins", 1000),
    nodes: optionList(argv, "nodes", "1,2,3").map(Number),
    campuses: optionNumber(argv, "campuses", 5),
    parts: optionList(argv, "parts", "twins,queries"),
    scenarios: optionList(argv, "scenarios", "GET,PATCH,PATCH one twin"),
    sqlite: !argv.includes("--no-sqlite"),
    repeat: optionNumber(argv, "repeat", 1),
    postgres:
      optionText(argv, "postgres") ?? process.env.DOPPEL_BENCH_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test",
  };
}

function sensors(options: Options): TwinSeed {
  return {
    models: [model],
    twins: options.twins,
    twin: (i) => ({ $metadata: { $model: model["@id"] }, name: `sensor ${i}`, count: i, temperature: 20.5 }),
  };
}

// ---- Twins over HTTPS: SQLite node vs 1..n PostgreSQL nodes ----

async function twinsPart(options: Options, dir: string): Promise<void> {
  const tls = benchTls(dir);
  console.log(
    `twins: ${options.twins} twins, ${options.connections} connections in total, ${options.duration} s per scenario`,
  );
  const measurements: Measurement[] = [];
  if (options.sqlite) {
    const sqlite = await startNodes(1, (i) => ["--data", join(dir, `sqlite-${i}`)], tls);
    try {
      await seedOverHttps(sqlite[0]!.url, tls.cert, sensors(options));
      measurements.push(...(await scenarios("SQLite, 1 node", sqlite, tls.cert, options)));
    } finally {
      await Promise.all(sqlite.map((node) => stop(node.process)));
    }
  }
  for (const count of options.nodes) {
    const schema = `doppel_bench_${process.pid}_${count}`;
    const url = `${options.postgres}${options.postgres.includes("?") ? "&" : "?"}schema=${schema}`;
    const nodes = await startNodes(count, (i) => ["--store", url, "--data", join(dir, `pg-${count}-${i}`)], tls);
    try {
      await seedOverHttps(nodes[0]!.url, tls.cert, sensors(options));
      // The other nodes learn about the model through the cluster; give them a moment.
      await new Promise((resolve) => setTimeout(resolve, 500));
      measurements.push(
        ...(await scenarios(`PostgreSQL, ${count} node${count > 1 ? "s" : ""}`, nodes, tls.cert, options)),
      );
    } finally {
      await Promise.all(nodes.map((node) => stop(node.process)));
      await dropSchema(options.postgres, schema);
    }
  }
  reportTwins(measurements);
}

type RequestShape = (request: autocannon.Request) => autocannon.Request;

async function scenarios(
  setup: string,
  nodes: readonly ChildServer[],
  ca: string,
  options: Options,
): Promise<Measurement[]> {
  const pick = () => Math.floor(Math.random() * options.twins);
  let n = 0;
  const get: RequestShape = (request) => ({ ...request, method: "GET", path: `/digitaltwins/t${pick()}?${api}` });
  const patch: RequestShape = (request) => ({
    ...request,
    method: "PATCH",
    path: `/digitaltwins/t${pick()}?${api}`,
    headers: { "content-type": "application/json-patch+json" },
    body: `[{"op":"replace","path":"/count","value":${++n}}]`,
  });
  const patchOne: RequestShape = (request) => ({ ...patch(request), path: `/digitaltwins/t0?${api}` });
  const shapes: [string, RequestShape][] = [
    ["GET", get],
    ["PATCH", patch],
    ["PATCH one twin", patchOne],
  ];
  const measured: Measurement[] = [];
  for (const [name, shape] of shapes) {
    if (options.scenarios.includes(name)) measured.push(await measure(setup, name, nodes, ca, options, shape));
  }
  return measured;
}

/** Drives every node at once, the connections split between them (a load balancer's view). */
async function measure(
  setup: string,
  scenario: string,
  nodes: readonly ChildServer[],
  ca: string,
  options: Options,
  shape: RequestShape,
): Promise<Measurement> {
  const perNode = Math.max(1, Math.floor(options.connections / nodes.length));
  const base = (url: string) => ({
    url,
    connections: perNode,
    tlsOptions: { ca },
    requests: [{ setupRequest: shape }],
  });
  await Promise.all(nodes.map((node) => autocannon({ ...base(node.url), duration: 1 })));
  let results: autocannon.Result[] = [];
  let total = -1;
  for (let run = 0; run < options.repeat; run++) {
    const attempt = await Promise.all(
      nodes.map((node) => autocannon({ ...base(node.url), duration: options.duration })),
    );
    const sum = attempt.reduce((acc, r) => acc + r.requests.average, 0);
    if (sum > total) {
      results = attempt;
      total = sum;
    }
  }
  const weighted = (key: "p50" | "p99") =>
    results.reduce((sum, r) => sum + r.latency[key] * r.requests.average, 0) / Math.max(total, 1);
  const measurement: Measurement = {
    setup,
    scenario,
    perSecond: Math.round(total),
    p50: Math.round(weighted("p50") * 10) / 10,
    p99: Math.round(weighted("p99") * 10) / 10,
    failures: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
  };
  const statuses = new Map<string, number>();
  for (const r of results) {
    for (const [code, stats] of Object.entries(r.statusCodeStats ?? {})) {
      if (!code.startsWith("2")) statuses.set(code, (statuses.get(code) ?? 0) + (stats as { count: number }).count);
    }
  }
  console.log(
    `${setup.padEnd(22)} ${scenario.padEnd(16)} ${String(measurement.perSecond).padStart(7)}/s  p50 ${measurement.p50} ms  p99 ${measurement.p99} ms  failures ${measurement.failures}` +
      (statuses.size > 0 ? ` (${[...statuses].map(([code, count]) => `${count}× ${code}`).join(", ")})` : ""),
  );
  return measurement;
}

function reportTwins(measurements: readonly Measurement[]): void {
  const scenariosSeen = [...new Set(measurements.map((m) => m.scenario))];
  const setups = [...new Set(measurements.map((m) => m.setup))];
  const baseline = setups[0]!;
  console.log(`\n| setup | ${scenariosSeen.map((s) => `${s} req/s (p99)`).join(" | ")} |`);
  console.log(`|---|${scenariosSeen.map(() => "---:").join("|")}|`);
  for (const setup of setups) {
    const cells = scenariosSeen.map((scenario) => {
      const m = measurements.find((x) => x.setup === setup && x.scenario === scenario)!;
      const base = measurements.find((x) => x.setup === baseline && x.scenario === scenario)!;
      const ratio = setup === baseline ? "" : ` ×${(m.perSecond / base.perSecond).toFixed(2)}`;
      return `${m.perSecond}${ratio} (${m.p99} ms)${m.failures > 0 ? ` ${m.failures} failed` : ""}`;
    });
    console.log(`| ${setup} | ${cells.join(" | ")} |`);
  }
}

async function startNodes(count: number, args: (index: number) => string[], tls: BenchTls): Promise<ChildServer[]> {
  // One at a time: the first creates the schema; the others find it done. Nodes sharing a
  // database must share the instance key (children inherit the environment).
  process.env.DOPPEL_SECRET_KEY ??= randomBytes(32).toString("hex");
  const nodes: ChildServer[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startDoppel(tls, args(i)));
  return nodes;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

// ---- Queries: one estate in SQLite and in PostgreSQL ----

async function queriesPart(options: Options, dir: string): Promise<void> {
  const file = join(dir, "estate.db");
  const sqliteStore = createSqliteStore(file);
  await sqliteStore.close();
  const started = Date.now();
  const graph = generateBenchGraph(file, options.campuses);
  console.log(
    `\nqueries: ${graph.twins.toLocaleString("en")} twins, ${graph.relationships.toLocaleString("en")} relationships` +
      ` (generated in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const schema = `doppel_bench_${process.pid}_queries`;
  const postgres = await createPostgresStore({ url: options.postgres, schema, log: () => undefined });
  const sqlite = createSqliteStore(file);
  try {
    const copied = Date.now();
    await copyEstate(file, options.postgres, schema);
    console.log(`copied into PostgreSQL in ${((Date.now() - copied) / 1000).toFixed(1)} s`);
    const rows: { shape: string; sqlite: number; postgres: number; rows: number }[] = [];
    const services = { sqlite: createQueryService(sqlite), postgres: createQueryService(postgres) };
    for (const shape of benchShapes(graph)) {
      const sqliteTimes = await timeShape(services.sqlite, shape.query, shape.repeatable ?? false);
      const postgresTimes = await timeShape(services.postgres, shape.query, shape.repeatable ?? false);
      rows.push({ shape: shape.name, sqlite: sqliteTimes.p50, postgres: postgresTimes.p50, rows: postgresTimes.rows });
      console.log(
        `${shape.name.padEnd(32)} SQLite p50 ${sqliteTimes.p50.toFixed(2)} ms   PostgreSQL p50 ${postgresTimes.p50.toFixed(2)} ms   (${postgresTimes.rows} rows)`,
      );
    }
    console.log(
      `\n| query (${graph.twins.toLocaleString("en")} twins) | rows | SQLite p50 | PostgreSQL p50 | PostgreSQL / SQLite |`,
    );
    console.log("|---|---:|---:|---:|---:|");
    for (const row of rows) {
      console.log(
        `| ${row.shape} | ${row.rows} | ${row.sqlite.toFixed(2)} ms | ${row.postgres.toFixed(2)} ms | ${(row.postgres / row.sqlite).toFixed(2)} |`,
      );
    }
  } finally {
    await sqlite.close();
    await postgres.close();
    await dropSchema(options.postgres, schema);
  }
}

/** p50 of the first page through the query service (parse to JSON), anchors varying per run. */
async function timeShape(
  service: QueryService,
  query: (iteration: number) => string,
  repeatable: boolean,
): Promise<{ p50: number; rows: number }> {
  const runs = repeatable ? 40 : 7;
  let rows = 0;
  await service.query({ query: query(0) });
  const times: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const started = performance.now();
    const response = await service.query({ query: query(i) });
    times.push(performance.now() - started);
    rows = (JSON.parse(response.body) as { value: unknown[] }).value.length;
  }
  return { p50: percentile(times, 0.5), rows };
}

/** Copies the generated estate row for row (ids, documents, ancestry) and analyses the tables. */
async function copyEstate(file: string, url: string, schema: string): Promise<void> {
  const db = new Database(file, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    await client.query("SET synchronous_commit TO off");
    const ancestry = db.prepare("SELECT model_id, ancestor_id, depth FROM model_ancestry").all() as {
      model_id: string;
      ancestor_id: string;
      depth: number;
    }[];
    await client.query(
      "INSERT INTO model_ancestry (model_id, ancestor_id, depth) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])",
      [ancestry.map((r) => r.model_id), ancestry.map((r) => r.ancestor_id), ancestry.map((r) => r.depth)],
    );
    await copyTable(db, "SELECT id, model_id, etag, doc FROM twins ORDER BY rowid", (chunk) =>
      client.query(
        "INSERT INTO twins (id, model_id, etag, doc) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])",
        columns(chunk, ["id", "model_id", "etag", "doc"]),
      ),
    );
    await copyTable(db, "SELECT source_id, id, name, target_id, etag, doc FROM relationships ORDER BY rowid", (chunk) =>
      client.query(
        "INSERT INTO relationships (source_id, id, name, target_id, etag, doc)" +
          " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])",
        columns(chunk, ["source_id", "id", "name", "target_id", "etag", "doc"]),
      ),
    );
    await client.query("VACUUM ANALYZE twins");
    await client.query("VACUUM ANALYZE relationships");
    await client.query("ANALYZE model_ancestry");
  } finally {
    await client.end();
    db.close();
  }
}

async function copyTable(
  db: Database.Database,
  select: string,
  insert: (chunk: Record<string, unknown>[]) => Promise<unknown>,
): Promise<void> {
  let chunk: Record<string, unknown>[] = [];
  for (const row of db.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
    chunk.push(row);
    if (chunk.length === 5000) {
      await insert(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await insert(chunk);
}

function columns(rows: readonly Record<string, unknown>[], names: readonly string[]): unknown[][] {
  return names.map((name) => rows.map((row) => row[name]));
}
