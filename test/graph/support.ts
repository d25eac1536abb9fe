import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { GraphService } from "../../src/graph/graphService.js";
import type { RawResponse, TestServer } from "../support/testServer.js";

export const api = "api-version=2023-10-31";
export const etagPattern = /^W\/"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"$/;
export const timePattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;
export const traceparentPattern = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

// ---- Models used across the graph tests ----

const v2 = "dtmi:dtdl:context;2";
const property = (name: string, schema: unknown, extra: Record<string, unknown> = {}) => ({
  "@type": "Property",
  name,
  schema,
  ...extra,
});

/** The recordings' building model. */
export const buildingModel = {
  "@id": "dtmi:samples:DTTestBuilding;1",
  "@type": "Interface",
  "@context": v2,
  displayName: "Building",
  contents: [property("AverageTemperature", "double"), property("TemperatureUnit", "string")],
};

/** A model exercising every schema kind, a component, telemetry, a command and relationships. */
export const richModels = [
  {
    "@id": "dtmi:test:Panel;1",
    "@type": "Interface",
    "@context": v2,
    contents: [
      property("level", "integer"),
      property("label", "string"),
      { "@type": "Telemetry", name: "hum", schema: "double" },
    ],
  },
  {
    "@id": "dtmi:test:Rich;1",
    "@type": "Interface",
    // v3: arrays are allowed in properties.
    "@context": "dtmi:dtdl:context;3",
    contents: [
      property("name", "string"),
      property("count", "integer"),
      property("ratio", "double"),
      property("flag", "boolean"),
      property("when", "dateTime"),
      property("mode", {
        "@type": "Enum",
        valueSchema: "string",
        enumValues: [
          { name: "on", enumValue: "on" },
          { name: "off", enumValue: "off" },
        ],
      }),
      property("location", {
        "@type": "Object",
        fields: [
          { name: "lat", schema: "double" },
          { name: "lon", schema: "double" },
          { name: "label", schema: "string" },
        ],
      }),
      property("tags", {
        "@type": "Map",
        mapKey: { name: "key", schema: "string" },
        mapValue: { name: "value", schema: "string" },
      }),
      property("values", { "@type": "Array", elementSchema: "integer" }),
      { "@type": "Component", name: "panel", schema: "dtmi:test:Panel;1" },
      { "@type": "Telemetry", name: "temp", schema: "double" },
      { "@type": "Command", name: "reboot" },
      {
        "@type": "Relationship",
        name: "feeds",
        target: "dtmi:test:Rich;1",
        maxMultiplicity: 2,
        properties: [property("weight", "double")],
      },
      { "@type": "Relationship", name: "anything" },
    ],
  },
  {
    "@id": "dtmi:test:Base;1",
    "@type": "Interface",
    "@context": v2,
    contents: [property("name", "string"), { "@type": "Relationship", name: "contains", target: "dtmi:test:Base;1" }],
  },
  {
    "@id": "dtmi:test:Derived;1",
    "@type": "Interface",
    "@context": v2,
    extends: "dtmi:test:Base;1",
    contents: [property("extra", "integer")],
  },
  {
    "@id": "dtmi:test:Other;1",
    "@type": "Interface",
    "@context": v2,
    contents: [property("name", "string"), property("count", "string")],
  },
];

export async function uploadModels(t: TestServer, models: readonly unknown[]): Promise<void> {
  const res = await t.request("POST", `/models?${api}`, { body: models });
  if (res.status !== 201) throw new Error(`model upload failed: ${res.status} ${res.text}`);
}

// ---- Requests ----

export function putTwin(
  t: TestServer,
  id: string,
  body: unknown,
  headers: Record<string, string> = {},
  apiVersion = api,
) {
  return t.request("PUT", `/digitaltwins/${encodeURIComponent(id)}?${apiVersion}`, { body, headers });
}

export function patch(t: TestServer, path: string, ops: unknown, headers: Record<string, string> = {}) {
  return t.request("PATCH", path, {
    rawBody: JSON.stringify(ops),
    headers: { "content-type": "application/json-patch+json", ...headers },
  });
}

export function twinPath(id: string, suffix = "", apiVersion = api): string {
  return `/digitaltwins/${encodeURIComponent(id)}${suffix}?${apiVersion}`;
}

// ---- Assertions ----

/** ADT's error envelope, its headers and (when given) the exact message and details. */
export function expectError(
  res: RawResponse,
  status: number,
  code: string,
  message?: string,
  details?: readonly { code: string; message: string }[],
): void {
  expect({ status: res.status, code: res.headers.get("x-ms-error-code") }).toEqual({ status, code });
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(res.body.error.code).toBe(code);
  if (message !== undefined) {
    expect(res.body).toEqual({ error: { code, message, ...(details === undefined ? {} : { details }) } });
  }
}

export function expectJson(res: RawResponse, status: number): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
}

/** Stable placeholders for the values that differ run to run: etags, times, trace ids, hosts. */
export function normalize<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/W\/\\"[0-9a-f-]{36}\\"/g, 'W/\\"<etag>\\"')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z/g, "<time>")
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00/g, "<uploadTime>")
      .replace(/00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]/g, "<traceparent>")
      .replace(/https:\/\/[^/"]+\//g, "https://<host>/")
      .replace(/continuationToken=[^&"]+/g, "continuationToken=<token>"),
  ) as T;
}

// ---- The outbox ----

export interface StoredEvent {
  readonly seq: number;
  readonly twinId: string | null;
  readonly type: string;
  readonly event: Record<string, any>;
}

/** Outbox records after `afterSeq`, events parsed. */
export async function eventsAfter(t: TestServer, afterSeq: number): Promise<StoredEvent[]> {
  const records = await t.server.services.store.outbox.readAfter(afterSeq, 10_000);
  return records.map((r) => ({ seq: r.seq, twinId: r.twinId, type: r.type, event: JSON.parse(r.event) }));
}

export async function lastSeq(t: TestServer): Promise<number> {
  return t.server.services.store.outbox.lastSeq();
}

// ---- Recordings ----

export const sharedDir = resolve(process.cwd(), "../shared");

export function recordingsAvailable(): boolean {
  const present = existsSync(join(sharedDir, "adt", "recordings"));
  if (!present) console.warn("skipping: ../shared/adt/recordings is not present");
  return present;
}

export interface RecordedEntry {
  readonly _test?: string;
  readonly RequestUri: string;
  readonly RequestMethod: string;
  readonly RequestHeaders?: Record<string, string>;
  readonly RequestBody?: unknown;
  readonly StatusCode: number;
  readonly ResponseHeaders?: Record<string, string>;
  readonly ResponseBody: unknown;
}

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

/** A second "node": its own write path (serialiser, twin cache) over the server's store and registry. */
export function secondWritePath(t: TestServer): GraphService {
  return new GraphService({ repository: t.server.services.store.graph, models: t.server.services.models });
}
