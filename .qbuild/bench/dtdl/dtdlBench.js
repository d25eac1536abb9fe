/**
 * Parses the shared ontologies with Doppel's DTDL parser and with the official one
 * (@digicatapult/dtdl-parser: DTDLParser compiled to WASM), every measurement in a fresh child
 * process so peak RSS belongs to one parser alone.
 *
 * - one-shot: process start to first object model, and peak RSS, in children that parse once
 *   (median of several children): what `doppel models validate` or a server start pays;
 * - warm: median of repeated parses in one child, the first (cold) one left out;
 * - baseline: a child that only reads and JSON-parses the files, so the memory of Node and of
 *   the documents themselves can be told apart from the parsers' own.
 *
 * Times are given as wall time and as the process's CPU time; on a shared machine the CPU time
 * is the steadier of the two, so the ratios use it.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
const execFileAsync = promisify(execFile);
const workerPath = fileURLToPath(new URL("./parseWorker.js", import.meta.url));
const ontologies = [
    { name: "RealEstateCore 3.3 (v3)", folder: "azure-realestatecore-3.3" },
    { name: "Energy grid (v2)", folder: "energygrid" },
];
/** Children that parse once, per parser and ontology. */
const oneShotChildren = 3;
/** Parses in the warm child, the first of which is dropped. */
const warmRuns = { doppel: 11, official: 6, baseline: 3 };
export async function run(argv) {
    void argv;
    const modelsDir = resolve(process.env.DOPPEL_SHARED_MODELS ?? "../shared/models");
    if (!existsSync(modelsDir)) {
        console.log(`skipped: shared models not found at ${modelsDir} (set DOPPEL_SHARED_MODELS)`);
        return;
    }
    console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
    console.log("| ontology | parser | interfaces | one-shot wall ms | one-shot CPU ms | cold parse CPU ms | warm parse wall ms | warm parse CPU ms | peak RSS MiB | RSS above baseline MiB |");
    console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    const summaries = [];
    for (const ontology of ontologies) {
        const folder = resolve(modelsDir, ontology.folder);
        const base = await figures("baseline", folder);
        const ours = await figures("doppel", folder);
        const theirs = await figures("official", folder);
        for (const [parser, f] of [
            ["doppel", ours],
            ["official", theirs],
            ["baseline (read + JSON.parse)", base],
        ]) {
            const above = f === base ? "-" : mib(f.peakRssBytes - base.peakRssBytes);
            console.log(`| ${ontology.name} | ${parser} | ${f.interfaces} | ${ms(f.endToEndMs)} | ${ms(f.endToEndCpuMs)} | ${ms(f.coldCpuMs)} | ${ms(f.warmMs)} | ${ms(f.warmCpuMs)} | ${mib(f.peakRssBytes)} | ${above} |`);
        }
        const ratio = (a, b) => (a / b).toFixed(1);
        const share = (a, b) => `${((a / b) * 100).toFixed(0)}%`;
        summaries.push(`${ontology.name}: CPU time one-shot ${ratio(theirs.endToEndCpuMs, ours.endToEndCpuMs)}x less, ` +
            `cold parse ${ratio(theirs.coldCpuMs, ours.coldCpuMs)}x, warm parse ${ratio(theirs.warmCpuMs, ours.warmCpuMs)}x ` +
            `(wall: one-shot ${ratio(theirs.endToEndMs, ours.endToEndMs)}x, warm ${ratio(theirs.warmMs, ours.warmMs)}x); ` +
            `peak RSS ${share(ours.peakRssBytes, theirs.peakRssBytes)} of the official parser's ` +
            `(${share(ours.peakRssBytes - base.peakRssBytes, theirs.peakRssBytes - base.peakRssBytes)} above baseline)`);
    }
    console.log("\nTargets: at least 10x faster, at most 20% of the official parser's peak memory.");
    for (const line of summaries)
        console.log(line);
}
async function figures(parser, folder) {
    const oneShots = [];
    for (let i = 0; i < oneShotChildren; i++)
        oneShots.push(await child(parser, folder, 1));
    const warm = await child(parser, folder, warmRuns[parser]);
    return {
        interfaces: warm.interfaces,
        endToEndMs: median(oneShots.map((r) => r.endToEndMs)),
        endToEndCpuMs: median(oneShots.map((r) => r.endToEndCpuMs)),
        coldCpuMs: median(oneShots.map((r) => r.runsCpuMs[0])),
        warmMs: median(warm.runsMs.slice(1)),
        warmCpuMs: median(warm.runsCpuMs.slice(1)),
        peakRssBytes: median(oneShots.map((r) => r.maxRssBytes)),
    };
}
async function child(parser, folder, runs) {
    const { stdout } = await execFileAsync(process.execPath, [workerPath, parser, folder, String(runs)], {
        maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout);
}
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function ms(value) {
    return value < 10 ? value.toFixed(1) : value.toFixed(0);
}
function mib(bytes) {
    return (bytes / 2 ** 20).toFixed(0);
}
//# sourceMappingURL=dtdlBench.js.map