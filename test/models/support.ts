import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** The read-only reference folder beside the repository (recordings, ontologies). */
export const sharedDir = resolve(process.cwd(), "../shared");

export function sharedAvailable(...parts: string[]): boolean {
  const available = existsSync(join(sharedDir, ...parts));
  if (!available) console.warn(`skipping: ${join("../shared", ...parts)} is not present`);
  return available;
}

export interface RecordedEntry {
  readonly _test?: string;
  readonly RequestUri: string;
  readonly RequestMethod: string;
  readonly RequestBody?: unknown;
  readonly StatusCode: number;
  readonly ResponseHeaders: Record<string, string>;
  readonly ResponseBody: unknown;
}

/** Entries of a recording in `../shared/adt/recordings`, bodies parsed when they are JSON text. */
export function readRecording(file: string): RecordedEntry[] {
  const recording = JSON.parse(readFileSync(join(sharedDir, "adt", "recordings", file), "utf8")) as {
    Entries: RecordedEntry[];
  };
  return recording.Entries.map((entry) => ({
    ...entry,
    RequestBody: parseMaybe(entry.RequestBody),
    ResponseBody: parseMaybe(entry.ResponseBody),
  }));
}

function parseMaybe(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function recordedEntry(file: string, test: string): RecordedEntry {
  const entry = readRecording(file).find((e) => e._test === test);
  if (!entry) throw new Error(`no entry '${test}' in ${file}`);
  return entry;
}

/** Every DTDL document under an ontology folder of `../shared/models` (files carry a BOM). */
export function loadOntology(name: string): Record<string, unknown>[] {
  const documents: Record<string, unknown>[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".json")) {
        const parsed = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, "")) as unknown;
        documents.push(...((Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[]));
      }
    }
  };
  walk(join(sharedDir, "models", name));
  return documents;
}

/** Model ids a raw document depends on: its `extends` and its Components' `schema` references. */
export function rawDependencies(document: Record<string, unknown>): string[] {
  const deps: string[] = [];
  for (const parent of asArray(document.extends)) if (typeof parent === "string") deps.push(parent);
  for (const content of asArray(document.contents)) {
    const c = content as Record<string, unknown>;
    if (asArray(c["@type"]).includes("Component") && typeof c.schema === "string") deps.push(c.schema);
  }
  return deps;
}

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Splits documents into upload batches of at most `size` such that every dependency sits in the
 * same or an earlier batch, then shuffles each batch (seeded) so members reference each other in
 * no particular order, and dependencies stored by earlier calls must be resolved from the store.
 */
export function dependencyBatches(
  documents: readonly Record<string, unknown>[],
  size: number,
  seed = 1,
): Record<string, unknown>[][] {
  const byId = new Map(documents.map((d) => [d["@id"] as string, d]));
  const ordered: Record<string, unknown>[] = [];
  const placed = new Set<string>();
  const place = (id: string): void => {
    if (placed.has(id)) return;
    placed.add(id);
    const doc = byId.get(id);
    if (!doc) return;
    for (const dep of rawDependencies(doc)) place(dep);
    ordered.push(doc);
  };
  // Visit in reverse so the topological order differs from the files' order.
  for (const id of [...byId.keys()].reverse()) place(id);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < ordered.length; i += size) batches.push(shuffle(ordered.slice(i, i + size), seed + i));
  return batches;
}

export function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The two models of the JS SDK's recorded model tests (a component and a model using it). */
export const recordedComponent = {
  "@id": "dtmi:samples:DTModelTestsComponent;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  displayName: "Component1",
  contents: [
    { "@type": "Property", name: "ComponentProp1", schema: "string" },
    { "@type": "Telemetry", name: "ComponentTelemetry1", schema: "integer" },
  ],
};

export const recordedModel = {
  "@id": "dtmi:samples:DTModelTestsModel;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  displayName: "TempModel",
  contents: [
    { "@type": "Property", name: "Prop1", schema: "string" },
    { "@type": "Component", name: "Component1", schema: "dtmi:samples:DTModelTestsComponent;1" },
    { "@type": "Telemetry", name: "Telemetry1", schema: "integer" },
  ],
};

export const uploadTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/;

/** Replaces every `uploadTime` (after checking its format) so whole bodies can be compared. */
export function withUploadTime<T>(body: T, time = "(time)"): T {
  return JSON.parse(JSON.stringify(body), (key, value) => {
    if (key !== "uploadTime") return value;
    if (typeof value !== "string" || !uploadTimePattern.test(value)) throw new Error(`bad uploadTime ${value}`);
    return time;
  }) as T;
}

/** Server options for a file-backed store in `dataDir` that still uses the run's trusted certificate. */
export function fileStoreOptions(dataDir: string): { dataDir: string; memory: false; tlsCert: string; tlsKey: string } {
  const tlsDir = process.env.DOPPEL_TEST_TLS_DIR;
  if (!tlsDir) throw new Error("test/support/globalSetup.ts did not run");
  return {
    dataDir,
    memory: false,
    tlsCert: join(tlsDir, "tls", "cert.pem"),
    tlsKey: join(tlsDir, "tls", "key.pem"),
  };
}
