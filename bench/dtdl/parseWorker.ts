/**
 * One measurement in a fresh process, so peak RSS belongs to one parser alone:
 * `node parseWorker.js <doppel|official|baseline|bare> <models folder> <runs>`.
 * Prints one JSON line: run times in ms (the first is the cold run) and peak RSS.
 * `bare` reads nothing and parses nothing: the RSS of Node itself.
 */
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { collectModelFiles } from "../../src/cli/modelsValidate/collectModelFiles.js";

export interface WorkerResult {
  readonly parser: string;
  readonly files: number;
  readonly interfaces: number;
  /** Wall time of each parse, in ms, in order; the first one is cold. */
  readonly runsMs: readonly number[];
  /** CPU time (user + system, all threads) of each parse, in ms. */
  readonly runsCpuMs: readonly number[];
  /** From the start of the process to the end of the first parse: what a one-shot tool costs. */
  readonly endToEndMs: number;
  /** CPU time of the process up to the end of the first parse. */
  readonly endToEndCpuMs: number;
  readonly maxRssBytes: number;
}

async function main(): Promise<void> {
  const [parser, folder, runsText] = process.argv.slice(2);
  if (parser === undefined || folder === undefined) throw new Error("usage: parseWorker <parser> <folder> [runs]");
  const runs = Number(runsText ?? "5");
  if (parser === "bare") {
    const total = process.cpuUsage();
    const bare: WorkerResult = {
      parser,
      files: 0,
      interfaces: 0,
      runsMs: [0],
      runsCpuMs: [0],
      endToEndMs: performance.now(),
      endToEndCpuMs: (total.user + total.system) / 1000,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    process.stdout.write(`${JSON.stringify(bare)}\n`);
    return;
  }
  const files = await collectModelFiles([folder]);
  const texts = await Promise.all(files.map(async (file) => (await readFile(file, "utf8")).replace(/^\uFEFF/, "")));
  const measure =
    parser === "doppel" ? await doppel(texts) : parser === "official" ? await official(texts) : baseline(texts);
  const runsMs: number[] = [];
  const runsCpuMs: number[] = [];
  let output: unknown;
  let endToEndMs = 0;
  let endToEndCpuMs = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    output = measure.parse();
    const cpu = process.cpuUsage(cpuStart);
    const end = performance.now();
    runsMs.push(end - start);
    runsCpuMs.push((cpu.user + cpu.system) / 1000);
    if (i === 0) {
      // performance.now() and process.cpuUsage() both count from the start of the process.
      endToEndMs = end;
      const total = process.cpuUsage();
      endToEndCpuMs = (total.user + total.system) / 1000;
    }
  }
  const result: WorkerResult = {
    parser,
    files: files.length,
    interfaces: measure.countInterfaces(output),
    runsMs,
    runsCpuMs,
    endToEndMs,
    endToEndCpuMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function documentsOf(texts: readonly string[]): unknown[] {
  return texts.flatMap((text) => {
    const root: unknown = JSON.parse(text);
    return Array.isArray(root) ? root : [root];
  });
}

interface Measured {
  /** The timed work. */
  readonly parse: () => unknown;
  /** Bookkeeping on the last result, outside the time. */
  readonly countInterfaces: (output: unknown) => number;
}

/** What every run pays anyway: reading the JSON. */
function baseline(texts: readonly string[]): Measured {
  return { parse: () => documentsOf(texts), countInterfaces: (output) => (output as unknown[]).length };
}

/** Ours from the file texts: JSON.parse is inside the time. */
async function doppel(texts: readonly string[]): Promise<Measured> {
  const { parseDtdl } = await import("../../src/dtdl/parseDtdl.js");
  return {
    parse: () => {
      const result = parseDtdl(documentsOf(texts));
      if (!result.ok) throw new Error(`doppel parser rejected the set: ${result.errors[0]?.message}`);
      return result.model;
    },
    countInterfaces: (output) => (output as { interfaces: ReadonlyMap<string, unknown> }).interfaces.size,
  };
}

/** The official parser (.NET in WASM) from one JSON text; its start-up is outside the time. */
async function official(texts: readonly string[]): Promise<Measured> {
  const { getInterop } = await import("@digicatapult/dtdl-parser");
  const interop = await getInterop();
  const combined = JSON.stringify(documentsOf(texts));
  return {
    parse: () => interop.parse(combined),
    countInterfaces: (output) => {
      const model = JSON.parse(output as string) as Record<string, { EntityKind?: string }>;
      return Object.values(model).filter((element) => element.EntityKind === "Interface").length;
    },
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
