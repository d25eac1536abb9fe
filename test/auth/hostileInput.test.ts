import { mkdtempSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "../../src/auth/authService.js";
import { routeKey } from "../../src/auth/routeRules.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

const v = "?api-version=2023-10-31";
let t: TestServer;
let dir: string;
let reader: Database.Database;
let writeRoutes: RegisteredRoute[];
let paramRoutes: RegisteredRoute[];

const model = {
  "@id": "dtmi:test:Thing;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [
    { "@type": "Property", name: "name", schema: "string" },
    { "@type": "Property", name: "constructor", schema: "string" },
  ],
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "doppel-hostile-"));
  const file = join(dir, "doppel.db");
  // Mode none (loopback): the limits apply whoever calls.
  t = await startTestServer({ store: createSqliteStore(file) });
  reader = new Database(file, { readonly: true });
  expect((await t.request("POST", `/models${v}`, { body: [model] })).status).toBe(201);
  const seeded = await t.request("PUT", `/digitaltwins/t1${v}`, {
    body: { $metadata: { $model: model["@id"] }, name: "one" },
  });
  expect(seeded.status, seeded.text).toBe(200);
  const seen = new Set<string>();
  const routes = t.server.services.auth.routes.filter((r) => {
    const key = routeKey(r.method, r.url);
    if (r.method === "HEAD" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  writeRoutes = routes.filter((r) => ["POST", "PUT", "PATCH"].includes(r.method));
  paramRoutes = routes.filter((r) => r.url.includes(":"));
});
afterAll(async () => {
  reader.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything a write could change, as one comparable value. */
function fingerprint(): unknown {
  const tables = reader
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sqlite_sequence') ORDER BY name",
    )
    .all() as { name: string }[];
  return tables.map(({ name }) => [name, reader.prepare(`SELECT * FROM "${name}"`).all()]);
}

function pathOf(route: RegisteredRoute, id = "t1"): string {
  return (
    route.url
      .split("/")
      .map((s) => (s.startsWith(":") ? id : s))
      .join("/") + v
  );
}

async function send(route: RegisteredRoute, body: string | Uint8Array, contentType = "application/json", id = "t1") {
  const response = await fetch(t.url + pathOf(route, id), {
    method: route.method,
    headers: {
      "content-type":
        route.method === "PATCH" && contentType === "application/json" ? "application/json-patch+json" : contentType,
    },
    body,
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}

function rawRequest(method: string, path: string, body?: string): Promise<{ status: number; body: any }> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: "localhost",
        port,
        method,
        path,
        headers: body === undefined ? {} : { "content-type": "application/json" },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function nested(depth: number): string {
  return `${"[".repeat(depth)}1${"]".repeat(depth)}`;
}

const hostileBodies: [string, () => string | Uint8Array, number, string, string?][] = [
  ["a body over 32 KB", () => JSON.stringify({ name: "x".repeat(33 * 1024) }), 413, "PayloadTooLarge"],
  ["nesting deeper than 64", () => `{"a":${nested(70)}}`, 400, "LimitExceeded"],
  ["a __proto__ key", () => '{"__proto__":{"polluted":true},"name":"x"}', 400, "InvalidArgument"],
  [
    "a nested __proto__ key",
    () => '[{"op":"add","path":"/name","value":{"__proto__":{"polluted":true}}}]',
    400,
    "InvalidArgument",
  ],
  ["constructor.prototype", () => '{"constructor":{"prototype":{"polluted":true}}}', 400, "InvalidArgument"],
  [
    "a patch path through __proto__",
    () => '[{"op":"add","path":"/__proto__/polluted","value":true}]',
    400,
    "InvalidArgument",
  ],
  [
    "a patch path to constructor/prototype",
    () => '[{"op":"add","path":"/constructor/prototype/polluted","value":1}]',
    400,
    "InvalidArgument",
  ],
  ["a property name over 1 KB", () => JSON.stringify({ ["k".repeat(1025)]: 1 }), 400, "LimitExceeded"],
  [
    "invalid UTF-8",
    () => Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    400,
    "InvalidArgument",
  ],
  [
    "a truncated UTF-8 sequence at the end",
    () => Buffer.concat([Buffer.from('{"name":"x"}'), Buffer.from([0xe2, 0x82])]),
    400,
    "InvalidArgument",
  ],
  ["text/plain", () => '{"name":"x"}', 415, "UnsupportedMediaType", "text/plain"],
  ["a Latin-1 charset", () => '{"name":"x"}', 415, "UnsupportedMediaType", "application/json; charset=iso-8859-1"],
  ["no content type", () => '{"name":"x"}', 415, "UnsupportedMediaType", ""],
];

describe("hostile input gets a clear 4xx and changes nothing, on every write route", () => {
  for (const [label, body, status, code, contentType] of hostileBodies) {
    it(`refuses ${label}`, async () => {
      const before = fingerprint();
      const failures: string[] = [];
      for (const route of writeRoutes) {
        if (label.includes("32 KB") && route.rule?.bodyLimit === "model") continue;
        const res = await send(route, body(), contentType);
        if (res.status !== status || res.body?.error?.code !== code) {
          failures.push(`${routeKey(route.method, route.url)} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(fingerprint()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it("limits string values in twin data to 4 KB (ADT's limit), UTF-8 bytes", async () => {
    const before = fingerprint();
    const big = { $metadata: { $model: model["@id"] }, name: "é".repeat(2049) };
    const res = await t.request("PUT", `/digitaltwins/t2${v}`, { body: big });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: "LimitExceeded", message: "A string value is longer than 4096 bytes." },
    });
    expect(fingerprint()).toEqual(before);
    const fits = await t.request("PUT", `/digitaltwins/t2${v}`, { body: { ...big, name: "é".repeat(2048) } });
    expect(fits.status).toBe(200);
  });

  it("accepts a property that is merely named constructor (DTDL allows the name)", async () => {
    const res = await t.request("PUT", `/digitaltwins/t3${v}`, {
      body: { $metadata: { $model: model["@id"] }, constructor: "fine" },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.constructor).toBe("fine");
  });
});

const hostileIds: [string, string][] = [
  ["a control character", "bad%01id"],
  ["a newline", "bad%0Aid"],
  ["DEL", "bad%7Fid"],
  ["a C1 control", "bad%C2%85id"],
  ["path traversal", "..%2F..%2Fetc%2Fpasswd"],
  ["a lone '..'", ".."],
  ["a backslash traversal", "a%5C..%5Cb"],
  ["invalid UTF-8 in the URL", "bad%C3%28id"],
  ["an encoded lone surrogate", "bad%ED%A0%80id"],
  ["an id over 1 KB", "x".repeat(1025)],
];

describe("hostile ids in the path get 400 on every route with a parameter", () => {
  for (const [label, id] of hostileIds) {
    it(`refuses ${label}`, async () => {
      const before = fingerprint();
      const failures: string[] = [];
      for (const route of paramRoutes) {
        if (label.includes("1 KB") && route.rule?.modelParam !== undefined) continue;
        const init: RequestInit = { method: route.method };
        if (["POST", "PUT", "PATCH"].includes(route.method)) {
          init.body = "{}";
          init.headers = { "content-type": "application/json" };
        }
        // Raw HTTP: fetch would resolve '..' segments before sending them.
        const response = await rawRequest(route.method, pathOf(route, id), init.body as string | undefined);
        if (response.status !== 400 || response.body?.error?.code !== "InvalidArgument") {
          failures.push(`${routeKey(route.method, route.url)} → ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(fingerprint()).toEqual(before);
    });
  }
});

describe("fuzzing", () => {
  it("never answers 5xx to arbitrary ids and JSON bodies on twin writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.jsonValue({ maxDepth: 4 }), async (id, body) => {
        const res = await fetch(`${t.url}/digitaltwins/${encodeURIComponent(id)}${v}`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it("never answers 5xx to arbitrary bytes as a body", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const res = await fetch(`${t.url}/digitaltwins/t1${v}`, {
          method: "PATCH",
          headers: { "content-type": "application/json-patch+json" },
          body: bytes,
        });
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
