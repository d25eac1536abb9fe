/**
 * Runs the official DTDL parser test corpus (../shared/dtdl/parser-tests/test-cases) against
 * parseDtdl and prints pass counts per folder and DTDL version.
 *
 * Verdicts: a valid case must parse; an invalid case must fail. For `generated` cases every error we
 * report must also appear among the expected errors (ValidationID, and PrimaryID when the case
 * gives one), as the official harness requires; resolution failures must name exactly the expected
 * unresolved identifiers. `dtmis` cases check DTMI parsing, `phrases` cases the wording of element
 * identifiers in messages. Set CONFORMANCE_VERBOSE=1 to list failing cases.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDtmi } from "../../src/dtdl/dtmi.js";
import type { DtdlError } from "../../src/dtdl/model.js";
import { parseDtdl } from "../../src/dtdl/parseDtdl.js";
import { formatPhrase } from "../../src/dtdl/phrasing.js";

const ROOT = resolve(__dirname, "../../../shared/dtdl/parser-tests/test-cases");
const VERBOSE = process.env.CONFORMANCE_VERBOSE === "1";

interface ExpectedError {
  readonly ValidationID: string;
  readonly PrimaryID?: string | null;
}

interface ParserCase {
  readonly valid: boolean;
  readonly options?: readonly string[];
  readonly quirks?: readonly string[];
  readonly input: unknown[];
  readonly resolution?: readonly { readonly request: readonly string[]; readonly response: unknown[] | null }[];
  readonly acceptableLimits?: readonly string[];
  readonly maxDtdlVersion?: number;
  readonly expect?: {
    readonly parsingErrors?: readonly ExpectedError[];
    readonly unresolvedIdentifiers?: readonly string[];
  };
}

interface Outcome {
  readonly pass: boolean;
  readonly skipped?: string;
  readonly detail?: string;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
}

function versionOf(file: string): string {
  const m = /V(\d)\.json$/.exec(file);
  return m ? `v${m[1]}` : "all";
}

/** Resolver answering from the case's recorded request/response pairs. */
function stubResolver(c: ParserCase): ((dtmis: string[]) => unknown[]) | undefined {
  const table = c.resolution;
  if (!table) return undefined;
  return (dtmis) => {
    const wanted = [...dtmis].sort().join("|");
    const entry =
      table.find((r) => [...r.request].sort().join("|") === wanted) ??
      table.find((r) => dtmis.every((d) => r.request.includes(d)));
    return entry?.response ?? [];
  };
}

function optionsOf(c: ParserCase) {
  const opts = c.options ?? [];
  const allow = opts.includes("AllowUndefinedExtensions")
    ? true
    : opts.includes("DisallowUndefinedExtensions")
      ? false
      : undefined;
  const resolve = stubResolver(c);
  return {
    ...(allow !== undefined ? { allowUndefinedExtensions: allow } : {}),
    ...(resolve ? { resolve } : {}),
    ...(c.maxDtdlVersion !== undefined ? { maxDtdlVersion: c.maxDtdlVersion } : {}),
    ...(c.acceptableLimits ? { acceptableLimitContexts: c.acceptableLimits } : {}),
  };
}

const RESOLUTION_PREFIX = "dtmi:dtdl:resolutionError:";

function runParserCase(c: ParserCase, checkErrors: boolean): Outcome {
  if (c.quirks && c.quirks.length > 0) return { pass: false, skipped: `quirks ${c.quirks.join(",")} not supported` };
  const result = parseDtdl(c.input, optionsOf(c));
  if (c.valid) {
    return result.ok ? { pass: true } : { pass: false, detail: describeErrors(result.errors) };
  }
  if (result.ok) return { pass: false, detail: "parsed although invalid" };
  if (!checkErrors) return { pass: true };
  const parsing = result.errors.filter((e) => !e.validationId.startsWith(RESOLUTION_PREFIX));
  const resolution = result.errors.filter((e) => e.validationId.startsWith(RESOLUTION_PREFIX));
  const expected = c.expect?.parsingErrors ?? [];
  const unexpected = parsing.filter(
    (e) =>
      !expected.some(
        (x) =>
          x.ValidationID === e.validationId &&
          (x.PrimaryID === undefined || x.PrimaryID === null || x.PrimaryID === e.primaryId),
      ),
  );
  if (unexpected.length > 0) return { pass: false, detail: `unexpected ${describeErrors(unexpected)}` };
  if (resolution.length > 0) {
    const want = [...(c.expect?.unresolvedIdentifiers ?? [])].sort();
    const got = [...new Set(resolution.map((e) => e.secondaryId ?? e.value ?? ""))].sort();
    if (want.join("|") !== got.join("|"))
      return { pass: false, detail: `unresolved ${got.join(",")} expected ${want.join(",")}` };
  }
  return { pass: true };
}

function describeErrors(errors: readonly DtdlError[]): string {
  return errors
    .slice(0, 4)
    .map(
      (e) =>
        `${e.validationId.replace("dtmi:dtdl:parsingError:", "")}(${e.primaryId ?? ""}${e.property ? ` .${e.property}` : ""}${e.value ? ` =${e.value}` : ""})`,
    )
    .join("; ");
}

interface Tally {
  pass: number;
  total: number;
  skipped: Map<string, number>;
  failures: string[];
}

function tally(table: Map<string, Tally>, key: string, name: string, o: Outcome): void {
  let t = table.get(key);
  if (!t) {
    t = { pass: 0, total: 0, skipped: new Map(), failures: [] };
    table.set(key, t);
  }
  t.total++;
  if (o.skipped !== undefined) t.skipped.set(o.skipped, (t.skipped.get(o.skipped) ?? 0) + 1);
  else if (o.pass) t.pass++;
  else t.failures.push(`${name}: ${o.detail ?? ""}`);
}

function runFolder(folder: string, table: Map<string, Tally>): void {
  const dir = join(ROOT, folder);
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".json")) continue;
    const data = readJson(join(dir, file));
    const cases = Array.isArray(data) ? data : [data];
    const key = `${folder} ${versionOf(file)}`;
    cases.forEach((c, i) => {
      const name = cases.length > 1 ? `${file}#${i}` : file;
      let outcome: Outcome;
      try {
        if (folder === "dtmis") outcome = runDtmiCase(c);
        else if (folder === "phrases") outcome = runPhraseCase(c);
        else outcome = runParserCase(c as ParserCase, folder === "generated");
      } catch (e) {
        outcome = { pass: false, detail: `threw ${String(e)}` };
      }
      tally(table, key, name, outcome);
    });
  }
}

function runDtmiCase(c: { valid: boolean; idText: string; expect?: Record<string, unknown> }): Outcome {
  const parts = parseDtmi(c.idText);
  if (!c.valid) return parts ? { pass: false, detail: "accepted invalid DTMI" } : { pass: true };
  if (!parts) return { pass: false, detail: "rejected valid DTMI" };
  const e = c.expect ?? {};
  const actual = {
    MajorVersion: parts.majorVersion,
    MinorVersion: parts.minorVersion,
    Versionless: parts.versionless,
    Labels: parts.labels,
    IsReserved: parts.isReserved,
    Fragment: parts.fragment,
  };
  for (const [k, v] of Object.entries(actual)) {
    if (k in e && JSON.stringify(e[k]) !== JSON.stringify(v))
      return { pass: false, detail: `${k} ${JSON.stringify(v)}` };
  }
  return { pass: true };
}

function runPhraseCase(c: { phrase: string; install: Record<string, string>; expect: string }): Outcome {
  const got = formatPhrase(c.phrase, c.install);
  return got === c.expect ? { pass: true } : { pass: false, detail: got };
}

const available = existsSync(ROOT);

describe.skipIf(!available)("DTDL parser conformance (official test corpus)", () => {
  it("matches the expected verdicts", () => {
    const table = new Map<string, Tally>();
    const started = performance.now();
    for (const folder of ["generated", "specification", "dtmis", "phrases"]) runFolder(folder, table);
    const elapsed = performance.now() - started;
    const lines: string[] = [];
    let failed = 0;
    for (const [key, t] of [...table].sort()) {
      const skipped = [...t.skipped.values()].reduce((a, b) => a + b, 0);
      lines.push(`${key.padEnd(20)} ${t.pass}/${t.total - skipped} passed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
      for (const [reason, n] of t.skipped) lines.push(`    skipped ${n}: ${reason}`);
      failed += t.failures.length;
      if (VERBOSE) for (const f of t.failures) lines.push(`    FAIL ${f}`);
    }
    lines.push(`(${elapsed.toFixed(0)} ms)`);
    console.log(lines.join("\n"));
    expect(failed).toBe(0);
  });
});

if (!available) console.warn(`DTDL conformance suite skipped: ${ROOT} not found`);
