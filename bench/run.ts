/**
 * Benchmark dispatcher: `node dist/bench/run.js [name...]` runs the named benchmarks, or all
 * of them when none is named. Each benchmark lives in its own folder and registers here.
 */

interface Benchmark {
  readonly description: string;
  readonly load: () => Promise<{ run: (argv: string[]) => Promise<void> }>;
}

const benchmarks: Record<string, Benchmark> = {
  cluster: {
    description:
      "twin API on SQLite vs 1..3 nodes over PostgreSQL, and the query shapes on SQLite vs PostgreSQL (--nodes=1,2,3 --parts=twins,queries)",
    load: () => import("./cluster/clusterBench.js"),
  },
  dtdl: {
    description: "DTDL parser vs the official parser on the shared ontologies",
    load: () => import("./dtdl/dtdlBench.js"),
  },
  query: {
    description:
      "query shapes at 100k (and 1M: --sizes=100000,1000000) twins: HTTP p50/p99 and compiled SQL vs hand-written SQL",
    load: () => import("./query/queryBench.js"),
  },
  events: {
    description:
      "draining a pre-filled outbox to NATS, MQTT and a webhook vs a bare client (--events=N --webhook-events=N --targets=nats,mqtt,jetstream,webhook)",
    load: () => import("./events/eventsBench.js"),
  },
  "events-keepup": {
    description:
      "PATCH 2xx → event at NATS/MQTT subscribers at a paced rate (p99), and delivery lag under saturated PATCHes (--rate=1000 --seconds=20 --saturate=20)",
    load: () => import("./events/keepUp.js"),
  },
  security: {
    description: "twin GET/PATCH with JWT, API keys and scopes vs mode none (--duration=2 --rounds=5 --connections=32)",
    load: () => import("./security/securityBench.js"),
  },
  twins: {
    description:
      "twin GET/PUT/PATCH over HTTPS vs a bare Fastify + SQLite baseline (--duration=5 --connections=32 --twins=1000)",
    load: () => import("./twins/twinsBench.js"),
  },
};

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log("Usage: node dist/bench/run.js [name...]\n\nBenchmarks:");
    for (const [name, bench] of Object.entries(benchmarks)) console.log(`  ${name.padEnd(12)} ${bench.description}`);
    return 0;
  }
  const names = argv.filter((arg) => !arg.startsWith("-"));
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(benchmarks).join(", ")})`);
    return 2;
  }
  for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
    console.log(`\n## ${name}\n`);
    await (await benchmarks[name]!.load()).run(argv.filter((arg) => arg.startsWith("-")));
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
