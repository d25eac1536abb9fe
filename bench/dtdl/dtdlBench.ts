/**
 * Parses the shared ontologies with Doppel's DTDL parser and with the official one
 * (@digicatapult/dtdl-parser: DTDLParser compiled to WASM), each in a fresh child process, and
 * reports median parse time, peak RSS and the ratios. A third child only reads the JSON, so
 * the memory of Node itself plus the documents can be told apart from the parsers' own.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { WorkerResult } from "./parseWorker.js";

const execFileAsync = promisify(execFile);
const workerPath = fileURLToPath(new URL("./parseWorker.js", import.meta.url));

const ontologies = [
  { name: "RealEstateCore 3.3 (DTDL v3)", folder: "azure-realestatecore-3.3" },
  { name: "Energy grid (DTDL v2)", folder: "energygrid" },
] as const;

/** Timed parses per child; the first is cold and left out of the median. */
const runs = { doppel: 11, official: 6, baseline: 3 } as const;

export async function run(argv: string[]): Promise<void> {
  void argv;
  const modelsDir = resolve(process.env.DOPPEL_SHARED_MODELS ?? "../shared/models");
  if (!existsSync(modelsDir)) {
    console.log(`skipped: shared models not found at ${modelsDir} (set DOPPEL_SHARED_MODELS)`);
    return;
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  console.log("| ontology | parser | interfaces | cold ms | median ms | peak RSS MiB | above baseline MiB |");
  console.log("|---|---|---:|---:|---:|---:|---:|");
  const summaries: string[] = [];
  for (const ontology of ontologies) {
    const folder = resolve(modelsDir, ontology.folder);
    const base = await measure("baseline", folder, runs.baseline);
    const ours = await measure("doppel", folder, runs.doppel);
    const theirs = await measure("official", folder, runs.official);
    for (const result of [ours, theirs, base]) {
      console.log(
        `| ${ontology.name} | ${result.parser} | ${result.interfaces} | ${fmt(result.runsMs[0]!)} | ${fmt(median(result.runsMs.slice(1)))} | ${mib(result.maxRssBytes)} | ${result === base ? "-" : mib(result.maxRssBytes - base.maxRssBytes)} |`,
      );
    }
    const speedup = median(theirs.runsMs.slice(1)) / median(ours.runsMs.slice(1));
    const memory = ours.maxRssBytes / theirs.maxRssBytes;
    const netMemory = (ours.maxRssBytes - base.maxRssBytes) / (theirs.maxRssBytes - base.maxRssBytes);
    summaries.push(
      `${ontology.name}: ${speedup.toFixed(1)}x faster (median, warm), cold ${(theirs.runsMs[0]! / ours.runsMs[0]!).toFixed(1)}x; ` +
        `peak RSS ${(memory * 100).toFixed(0)}% of the official parser's (${(netMemory * 100).toFixed(0)}% above baseline)` +
        ` — targets ≥10x, ≤20%: ${speedup >= 10 && memory <= 0.2 ? "met" : "NOT met"}`,
    );
  }
  console.log("");
  for (const line of summaries) console.log(line);
}

async function measure(parser: keyof typeof runs, folder: string, count: number): Promise<WorkerResult> {
  const { stdout } = await execFileAsync(process.execPath, [workerPath, parser, folder, String(count)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as WorkerResult;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(0);
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
