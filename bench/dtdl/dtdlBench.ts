/**
 * Parses the shared ontologies with Doppel's DTDL parser and with the official one
 * (@digicatapult/dtdl-parser: DTDLParser compiled to WASM), every measurement in a fresh child
 * process so peak RSS belongs to one parser alone.
 *
 * - one-shot: process start to first object model, and peak RSS, in children that parse once
 *   (median of several children): what `doppel models validate` or a server start pays;
 * - warming: the median of parses 2 to 11 in one child, while the JIT (Doppel) or the WASM tier-up
 *   (the official parser) is still compiling in the background, which shows in the CPU time: what
 *   a process that parses a few times pays;
 * - warm: steady state of repeated parses in the same child: the first (cold) parse and the
 *   warm-up ones after it left out, then the median and the mean of the rest (the mean includes
 *   garbage collection spread over the runs). Both parsers get the same runs, so both have the
 *   same chance to reach their steady state;
 * - baselines: a child that only reads and JSON-parses the files (Node plus the documents), and a
 *   bare Node child, so that peak RSS can be compared as measured and above either baseline.
 *
 * Times are given as wall time and as the process's CPU time; on a shared machine the CPU time
 * is the steadier of the two, so the ratios use it.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median } from "../support/statistics.js";
import type { WorkerResult } from "./parseWorker.js";

const execFileAsync = promisify(execFile);
const workerPath = fileURLToPath(new URL("./parseWorker.js", import.meta.url));

const ontologies = [
  { name: "RealEstateCore 3.3 (v3)", folder: "azure-realestatecore-3.3" },
  { name: "Energy grid (v2)", folder: "energygrid" },
] as const;

type Parser = "doppel" | "official" | "baseline" | "bare";

/** Children that parse once, per parser and ontology. */
const oneShotChildren = 5;
/**
 * Parses in the warm child, the same for both parsers: the cold one, warm-up ones, measured ones.
 * The JIT keeps optimizing functions that run once per parse for many parses (each compile takes
 * 10-30 ms of a background thread's CPU on the shared machine, and that CPU time counts; with
 * `--trace-opt`, compiles stop after about 90 parses of either ontology), so the warm-up is long.
 */
const warmUpRuns = 100;
const measuredRuns = 30;

interface Figures {
  readonly interfaces: number;
  readonly endToEndMs: number;
  readonly endToEndCpuMs: number;
  readonly coldCpuMs: number;
  readonly warmingCpuMs: number;
  readonly warmMs: number;
  readonly warmCpuMs: number;
  readonly warmMeanCpuMs: number;
  readonly peakRssBytes: number;
}

const TARGET_SPEEDUP = 10;
const TARGET_MEMORY_SHARE = 0.2;

export async function run(argv: string[]): Promise<void> {
  void argv;
  const modelsDir = resolve(process.env.DOPPEL_SHARED_MODELS ?? "../shared/models");
  if (!existsSync(modelsDir)) {
    console.log(`skipped: shared models not found at ${modelsDir} (set DOPPEL_SHARED_MODELS)`);
    return;
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
  const bare = await figures("bare", modelsDir);
  console.log(`bare Node peak RSS: ${mib(bare.peakRssBytes)} MiB (median of ${oneShotChildren} children)\n`);
  console.log(
    "| ontology | parser | interfaces | one-shot wall ms | one-shot CPU ms | cold parse CPU ms | warming CPU ms (parses 2-11) | warm wall ms (median) | warm CPU ms (median) | warm CPU ms (mean) | peak RSS MiB | above bare Node MiB | above read baseline MiB |",
  );
  console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  const summaries: string[] = [];
  for (const ontology of ontologies) {
    const folder = resolve(modelsDir, ontology.folder);
    const base = await figures("baseline", folder);
    const ours = await figures("doppel", folder);
    const theirs = await figures("official", folder);
    for (const [parser, f] of [
      ["doppel", ours],
      ["official", theirs],
      ["baseline (read + JSON.parse)", base],
    ] as const) {
      const aboveBare = mib(f.peakRssBytes - bare.peakRssBytes);
      const aboveBase = f === base ? "-" : mib(f.peakRssBytes - base.peakRssBytes);
      console.log(
        `| ${ontology.name} | ${parser} | ${f.interfaces} | ${ms(f.endToEndMs)} | ${ms(f.endToEndCpuMs)} | ${ms(f.coldCpuMs)} | ${ms(f.warmingCpuMs)} | ${ms(f.warmMs)} | ${ms(f.warmCpuMs)} | ${ms(f.warmMeanCpuMs)} | ${mib(f.peakRssBytes)} | ${aboveBare} | ${aboveBase} |`,
      );
    }
    summaries.push(summary(ontology.name, ours, theirs, base, bare));
  }
  console.log(
    `\nTargets: at least ${TARGET_SPEEDUP}x less CPU time, at most ${TARGET_MEMORY_SHARE * 100}% of the official parser's peak RSS.`,
  );
  for (const line of summaries) console.log(line);
}

function summary(name: string, ours: Figures, theirs: Figures, base: Figures, bare: Figures): string {
  const speed = (label: string, a: number, b: number) => {
    const r = a / b;
    return `${label} ${r.toFixed(1)}x${r >= TARGET_SPEEDUP ? "" : " (below target)"}`;
  };
  const share = (label: string, a: number, b: number) => {
    const s = a / b;
    return `${label} ${(s * 100).toFixed(0)}%${s <= TARGET_MEMORY_SHARE ? "" : " (above target)"}`;
  };
  return (
    `${name}: CPU ${speed("warm (median)", theirs.warmCpuMs, ours.warmCpuMs)}, ` +
    `${speed("warm (mean)", theirs.warmMeanCpuMs, ours.warmMeanCpuMs)}, ` +
    `${speed("one-shot", theirs.endToEndCpuMs, ours.endToEndCpuMs)}, ` +
    `${speed("cold parse", theirs.coldCpuMs, ours.coldCpuMs)}, ` +
    `${speed("warming", theirs.warmingCpuMs, ours.warmingCpuMs)} ` +
    `(wall: warm ${(theirs.warmMs / ours.warmMs).toFixed(1)}x, one-shot ${(theirs.endToEndMs / ours.endToEndMs).toFixed(1)}x); ` +
    `peak RSS vs official: ${share("as measured", ours.peakRssBytes, theirs.peakRssBytes)}, ` +
    `${share("above bare Node", ours.peakRssBytes - bare.peakRssBytes, theirs.peakRssBytes - bare.peakRssBytes)}, ` +
    `${share("above read baseline", ours.peakRssBytes - base.peakRssBytes, theirs.peakRssBytes - base.peakRssBytes)}`
  );
}

async function figures(parser: Parser, folder: string): Promise<Figures> {
  const oneShots: WorkerResult[] = [];
  for (let i = 0; i < oneShotChildren; i++) oneShots.push(await child(parser, folder, 1));
  const warm = parser === "bare" ? oneShots[0]! : await child(parser, folder, 1 + warmUpRuns + measuredRuns);
  const warmMs = warm.runsMs.slice(1 + warmUpRuns);
  const warmCpuMs = warm.runsCpuMs.slice(1 + warmUpRuns);
  return {
    interfaces: warm.interfaces,
    endToEndMs: median(oneShots.map((r) => r.endToEndMs)),
    endToEndCpuMs: median(oneShots.map((r) => r.endToEndCpuMs)),
    coldCpuMs: median(oneShots.map((r) => r.runsCpuMs[0]!)),
    warmingCpuMs: parser === "bare" ? 0 : median(warm.runsCpuMs.slice(1, 11)),
    warmMs: warmMs.length > 0 ? median(warmMs) : 0,
    warmCpuMs: warmCpuMs.length > 0 ? median(warmCpuMs) : 0,
    warmMeanCpuMs: warmCpuMs.length > 0 ? warmCpuMs.reduce((a, b) => a + b, 0) / warmCpuMs.length : 0,
    peakRssBytes: median(oneShots.map((r) => r.maxRssBytes)),
  };
}

async function child(parser: Parser, folder: string, runs: number): Promise<WorkerResult> {
  const { stdout } = await execFileAsync(process.execPath, [workerPath, parser, folder, String(runs)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as WorkerResult;
}

function ms(value: number): string {
  return value < 10 ? value.toFixed(1) : value.toFixed(0);
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(0);
}
