import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Principal } from "../../src/auth/principal.js";
import { ruleFor } from "../../src/auth/routeRules.js";
import { guardTwinScope } from "../../src/auth/scopeGuard.js";
import { openSseStream } from "../support/sseClient.js";
import type { RawResponse, TestServer } from "../support/testServer.js";
import { bearer, createTestIdp, startSecureServer, type TestIdp } from "./authSupport.js";

/**
 * The leakage suite: principals scoped to building A's subgraph (root `bA`, through `contains`)
 * try to read, count, infer or change twins of building B and an orphan, on every path, and
 * must learn nothing:
 *
 * - point routes: a hidden twin (or a relationship to one) answers byte for byte as a twin (or
 *   relationship) that does not exist, the id aside;
 * - queries: every answer (pages, tokens' presence, query-charge) equals the answer an
 *   instance-wide caller gets from an *oracle* server holding only the visible subgraph, created
 *   in the same order;
 * - live streams: the scoped caller's events are exactly the oracle's;
 * - the subgraph follows the graph: attaching a twin shows it, detaching hides it again.
 *
 * Runs on SQLite, and on PostgreSQL with DOPPEL_TEST_STORE=postgres.
 */

const v = "?api-version=2023-10-31";
const ctx = "dtmi:dtdl:context;2";
const room = "dtmi:leak:Room;1";

const models = [
  {
    "@id": "dtmi:leak:Thermostat;1",
    "@type": "Interface",
    "@context": ctx,
    contents: [
      { "@type": "Property", name: "setpoint", schema: "double", writable: true },
      { "@type": "Telemetry", name: "reading", schema: "double" },
    ],
  },
  {
    "@id": "dtmi:leak:Space;1",
    "@type": "Interface",
    "@context": ctx,
    contents: [
      { "@type": "Property", name: "name", schema: "string", writable: true },
      { "@type": "Property", name: "area", schema: "double", writable: true },
      { "@type": "Property", name: "kind", schema: "string", writable: true },
      { "@type": "Relationship", name: "contains" },
      {
        "@type": "Relationship",
        name: "adjacentTo",
        properties: [{ "@type": "Property", name: "distance", schema: "double", writable: true }],
      },
    ],
  },
  { "@id": "dtmi:leak:Building;1", "@type": "Interface", "@context": ctx, extends: "dtmi:leak:Space;1" },
  { "@id": "dtmi:leak:Floor;1", "@type": "Interface", "@context": ctx, extends: "dtmi:leak:Space;1" },
  {
    "@id": room,
    "@type": "Interface",
    "@context": ctx,
    extends: "dtmi:leak:Space;1",
    contents: [{ "@type": "Component", name: "thermostat", schema: "dtmi:leak:Thermostat;1" }],
  },
  {
    "@id": "dtmi:leak:Sensor;1",
    "@type": "Interface",
    "@context": ctx,
    extends: "dtmi:leak:Space;1",
    contents: [
      { "@type": "Property", name: "temperature", schema: "double", writable: true },
      { "@type": "Telemetry", name: "reading", schema: "double" },
    ],
  },
];

type Kind = "Building" | "Floor" | "Room" | "Sensor";
/** [id, kind, area, visible]: creation order matters (rows come in creation order). */
const twins: readonly (readonly [string, Kind, number, boolean])[] = [
  ["bA", "Building", 1000, true],
  ["bB", "Building", 800, false],
  ["fA1", "Floor", 400, true],
  ["fB1", "Floor", 350, false],
  ["fA2", "Floor", 300, true],
  ["rA1", "Room", 40, true],
  ["rB1", "Room", 35, false],
  ["rA2", "Room", 25, true],
  ["rB2", "Room", 30, false],
  ["rA3", "Room", 20, true],
  ["sA1", "Sensor", 1, true],
  ["sB1", "Sensor", 2, false],
  ["sA2", "Sensor", 3, true],
  ["sA3", "Sensor", 4, true],
  ["sX", "Sensor", 5, false],
];
const visibleTwins = new Set(twins.filter((t) => t[3]).map((t) => t[0]));
const hiddenTwins = twins.filter((t) => !t[3]).map((t) => t[0]);

/** [source, id, name, target, distance?]. */
const relationships: readonly (readonly [string, string, string, string, number?])[] = [
  ["bA", "bA-fA1", "contains", "fA1"],
  ["bB", "bB-fB1", "contains", "fB1"],
  ["bA", "bA-fA2", "contains", "fA2"],
  ["fA1", "fA1-rA1", "contains", "rA1"],
  ["fB1", "fB1-rB1", "contains", "rB1"],
  ["fA1", "fA1-rA2", "contains", "rA2"],
  ["fB1", "fB1-rB2", "contains", "rB2"],
  ["fA2", "fA2-rA3", "contains", "rA3"],
  ["rA1", "rA1-sA1", "contains", "sA1"],
  ["rB1", "rB1-sB1", "contains", "sB1"],
  ["rA1", "rA1-sA2", "contains", "sA2"],
  ["rA3", "rA3-sA3", "contains", "sA3"],
  // Links across the buildings (not `contains`, so they never widen the subgraph): a visible
  // twin pointing at a hidden one, hidden ones pointing back, and a path A → B → A.
  ["rA1", "rA1-adj-rB1", "adjacentTo", "rB1", 3],
  ["rB1", "rB1-adj-rA2", "adjacentTo", "rA2", 4],
  ["rB2", "rB2-adj-rA3", "adjacentTo", "rA3", 5],
  ["rA2", "rA2-adj-rA3", "adjacentTo", "rA3", 6],
  ["sX", "sX-adj-sA1", "adjacentTo", "sA1", 7],
];
const isVisibleRelationship = (r: readonly [string, string, string, string, number?]) =>
  visibleTwins.has(r[0]) && visibleTwins.has(r[3]);

let idp: TestIdp;
let full: TestServer;
let oracle: TestServer;
let owner: Record<string, string>;
/** The scoped principals: an API key and a JWT user, both Data Owner on building A's subgraph. */
const principals: { name: string; headers: Record<string, string> }[] = [];

let probes = 0;
let failedProbes = 0;

/** One leakage check; counted, so the suite can report its size. */
async function probe(check: () => Promise<void> | void): Promise<void> {
  probes += 1;
  try {
    await check();
  } catch (error) {
    failedProbes += 1;
    throw error;
  }
}

function twinBody(id: string, kind: Kind, area: number) {
  const body: Record<string, unknown> = {
    $metadata: { $model: `dtmi:leak:${kind};1` },
    name: `name-${id}`,
    area,
    kind: kind.toLowerCase(),
  };
  if (kind === "Room") body.thermostat = { $metadata: {}, setpoint: 20 + area / 10 };
  if (kind === "Sensor") body.temperature = 15 + area;
  return body;
}

async function ok(res: Promise<RawResponse>, status = 200): Promise<RawResponse> {
  const r = await res;
  expect(r.status, r.text).toBe(status);
  return r;
}

async function seed(server: TestServer, onlyVisible: boolean): Promise<void> {
  await ok(server.request("POST", `/models${v}`, { body: models, headers: owner }), 201);
  for (const [id, kind, area, visible] of twins) {
    if (onlyVisible && !visible) continue;
    await ok(server.request("PUT", `/digitaltwins/${id}${v}`, { body: twinBody(id, kind, area), headers: owner }));
  }
  for (const r of relationships) {
    if (onlyVisible && !isVisibleRelationship(r)) continue;
    const [source, id, name, target, distance] = r;
    const body = { $targetId: target, $relationshipName: name, ...(distance === undefined ? {} : { distance }) };
    await ok(server.request("PUT", `/digitaltwins/${source}/relationships/${id}${v}`, { body, headers: owner }));
  }
}

beforeAll(async () => {
  idp = await createTestIdp();
  const subgraph = { kind: "subgraph", root: "bA", relationships: ["contains"] };
  const auth = {
    // The per-twin write limit is keyed by id, hidden or not; raised so the probes never meet it.
    rateLimits: { perTwin: 100_000 },
    roleAssignments: {
      owners: { principal: "group:owners", role: "Azure Digital Twins Data Owner" },
      admins: { principal: "group:owners", role: "Doppel Administrator" },
      buildingA: { principal: "group:building-a", role: "Azure Digital Twins Data Owner", scope: subgraph },
      rooms: {
        principal: "group:rooms",
        role: "Azure Digital Twins Data Reader",
        scope: { kind: "models", models: [room] },
      },
      roomWriters: {
        principal: "group:room-writers",
        role: "Azure Digital Twins Data Owner",
        scope: { kind: "models", models: [room] },
      },
      floorsAndRooms: {
        principal: "group:floors-and-rooms",
        role: "Azure Digital Twins Data Reader",
        scope: { kind: "query", where: "kind IN ['floor', 'room'] AND area >= 25" },
      },
    },
  };
  full = await startSecureServer(idp, auth);
  oracle = await startSecureServer(idp, auth);
  owner = bearer(await idp.sign({ sub: "owner", groups: ["owners"] }));
  await seed(full, false);
  await seed(oracle, true);

  const key = await ok(full.request("POST", "/admin/keys", { body: { name: "building A" }, headers: owner }), 201);
  await ok(
    full.request("PUT", "/admin/roleassignments/key-building-a", {
      body: { principal: { type: "apiKey", id: key.body.id }, role: "Azure Digital Twins Data Owner", scope: subgraph },
      headers: owner,
    }),
    201,
  );
  principals.push({ name: "API key", headers: bearer(key.body.key) });
  principals.push({ name: "JWT", headers: bearer(await idp.sign({ sub: "facility-a", groups: ["building-a"] })) });
});

afterAll(async () => {
  await full?.close();
  await oracle?.close();
  console.log(`leakage suite: ${probes} probes, ${failedProbes === 0 ? "all passed" : `${failedProbes} FAILED`}`);
});

/** Drops what differs between two servers holding the same data: etags, write times, their ports. */
function normalize(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/^https:\/\/localhost:\d+\//, "https://host/");
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "$etag" || key === "$lastUpdateTime" || key === "lastUpdateTime") continue;
    out[key] = normalize(inner);
  }
  return out;
}

/** Asserts two answers are the same answer, ids aside: status, error code, content type, body. */
function expectSameAnswer(seen: RawResponse, missing: RawResponse, replace: [string, string][]): void {
  expect(seen.status).toBe(missing.status);
  expect(seen.headers.get("content-type")).toBe(missing.headers.get("content-type"));
  expect(seen.headers.get("x-ms-error-code")).toBe(missing.headers.get("x-ms-error-code"));
  let expected = missing.text;
  for (const [from, to] of replace) expected = expected.replaceAll(from, to);
  expect(seen.text).toBe(expected);
}

interface QueryRun {
  readonly pages: { value: unknown; more: boolean; charge: string | null; status: number }[];
}

async function runQuery(
  server: TestServer,
  headers: Record<string, string>,
  query: string,
  pageSize?: number,
): Promise<QueryRun> {
  const pages: QueryRun["pages"] = [];
  const sizeHeader: Record<string, string> = pageSize === undefined ? {} : { "max-items-per-page": String(pageSize) };
  let body: Record<string, unknown> = { query };
  for (let i = 0; i < 50; i += 1) {
    const res = await server.request("POST", `/query${v}`, { body, headers: { ...headers, ...sizeHeader } });
    const token = res.body?.continuationToken;
    pages.push({
      value: res.status === 200 ? normalize(res.body.value) : res.body,
      more: typeof token === "string",
      charge: res.headers.get("query-charge"),
      status: res.status,
    });
    if (typeof token !== "string") return { pages };
    body = { query, continuationToken: token };
  }
  throw new Error(`the query did not finish paging: ${query}`);
}

/** Queries over every shape that could count, join, traverse, group, order or page over a hidden twin. */
const queries = [
  "SELECT * FROM DIGITALTWINS",
  "SELECT COUNT() FROM DIGITALTWINS",
  "SELECT T.$dtId, T.name FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:leak:Room;1')",
  "SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:leak:Space;1')",
  "SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:leak:Sensor;1', exact)",
  "SELECT * FROM DIGITALTWINS WHERE $dtId = 'rB1'",
  "SELECT * FROM DIGITALTWINS WHERE $dtId IN ['rA1', 'rB1', 'sX', 'bB']",
  "SELECT COUNT() FROM DIGITALTWINS WHERE $dtId = 'sX'",
  "SELECT * FROM DIGITALTWINS WHERE STARTSWITH($dtId, 'r')",
  "SELECT T FROM DIGITALTWINS T WHERE T.area > 10",
  "SELECT T.name, T.thermostat.setpoint FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:leak:Room;1')",
  "SELECT * FROM RELATIONSHIPS",
  "SELECT COUNT() FROM RELATIONSHIPS",
  "SELECT * FROM RELATIONSHIPS WHERE $targetId = 'rB1'",
  "SELECT * FROM RELATIONSHIPS WHERE $sourceId = 'rA1'",
  "SELECT R.$relationshipName AS name, COUNT() AS n, SUM(R.distance) AS d FROM RELATIONSHIPS R GROUP BY R.$relationshipName",
  "SELECT F.$dtId AS f, R.$dtId AS r FROM DIGITALTWINS F JOIN R RELATED F.contains",
  "SELECT B.$dtId AS b, R.$dtId AS r FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains",
  "SELECT A.$dtId AS a, B.$dtId AS b FROM DIGITALTWINS A JOIN B RELATED A.adjacentTo",
  "SELECT A.$dtId AS a, E.distance AS d FROM DIGITALTWINS A JOIN B RELATED A.adjacentTo E",
  "SELECT COUNT() FROM DIGITALTWINS A JOIN B RELATED A.adjacentTo",
  "SELECT R FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE F.$dtId = 'fB1'",
  "SELECT a.$dtId AS a, c.$dtId AS c FROM DIGITALTWINS MATCH (a)-[:adjacentTo*2]->(c)",
  "SELECT a.$dtId AS a, c.$dtId AS c FROM DIGITALTWINS MATCH (a)-[:adjacentTo*..3]-(c) WHERE a.$dtId = 'rA1'",
  "SELECT a.$dtId AS a, c.$dtId AS c FROM DIGITALTWINS MATCH (a)-[:adjacentTo]->()-[:adjacentTo]->(c)",
  "SELECT a.$dtId AS a, c.$dtId AS c FROM DIGITALTWINS MATCH (a)-[*..4]-(c) WHERE a.$dtId = 'sA1'",
  "SELECT COUNT() FROM DIGITALTWINS MATCH (b)-[:contains*..3]->(s) WHERE IS_OF_MODEL(s, 'dtmi:leak:Sensor;1')",
  "SELECT r.$relationshipId AS id, r.$targetId AS t FROM DIGITALTWINS MATCH (a)-[r:adjacentTo]->(b)",
  "SELECT b FROM DIGITALTWINS MATCH (a)-[:contains]->(b) WHERE a.$dtId = 'bB'",
  "SELECT T.$metadata.$model AS model, COUNT() AS n, SUM(T.area) AS area, AVG(T.area) AS mean, MIN(T.name) AS first, MAX(T.area) AS biggest FROM DIGITALTWINS T GROUP BY T.$metadata.$model",
  "SELECT F.$dtId AS floor, COUNT() AS rooms FROM DIGITALTWINS F JOIN R RELATED F.contains WHERE IS_OF_MODEL(R, 'dtmi:leak:Room;1') GROUP BY F.$dtId",
  "SELECT a.$dtId AS a, COUNT() AS n FROM DIGITALTWINS MATCH (a)-[:contains*..3]->(s) GROUP BY a.$dtId ORDER BY COUNT() DESC",
  "SELECT SUM(T.area) AS total, MAX(T.area) AS biggest, COUNT(T.temperature) AS sensors, AVG(T.temperature) AS t FROM DIGITALTWINS T",
  "SELECT TOP(3) T.$dtId, T.area FROM DIGITALTWINS T ORDER BY T.area DESC",
  "SELECT T.$dtId, T.name FROM DIGITALTWINS T ORDER BY T.name",
  "SELECT TOP(4) * FROM DIGITALTWINS",
  "SELECT DISTINCT T.kind FROM DIGITALTWINS T",
];

describe.each([0, 1])("principal %i (0: API key, 1: JWT) scoped to building A", (which) => {
  const headers = () => principals[which]!.headers;

  describe("queries answer as if the hidden twins did not exist", () => {
    it.each(queries)("%s", async (query) => {
      for (const pageSize of [undefined, 2]) {
        await probe(async () => {
          const seen = await runQuery(full, headers(), query, pageSize);
          const expected = await runQuery(oracle, owner, query, pageSize);
          expect(expected.pages.filter((page) => page.status !== 200)).toEqual([]);
          expect(seen).toEqual(expected);
        });
      }
    });

    it("answers a query about a hidden twin as about a missing one", async () => {
      for (const hidden of hiddenTwins) {
        for (const template of [
          "SELECT * FROM DIGITALTWINS WHERE $dtId = '@'",
          "SELECT COUNT() FROM DIGITALTWINS WHERE $dtId = '@'",
          "SELECT * FROM RELATIONSHIPS WHERE $sourceId = '@' OR $targetId = '@'",
          "SELECT X FROM DIGITALTWINS T JOIN X RELATED T.adjacentTo WHERE T.$dtId = '@'",
          "SELECT b FROM DIGITALTWINS MATCH (a)-[*..3]-(b) WHERE a.$dtId = '@'",
        ]) {
          await probe(async () => {
            const seen = await full.request("POST", `/query${v}`, {
              body: { query: template.replaceAll("@", hidden) },
              headers: headers(),
            });
            const missing = await full.request("POST", `/query${v}`, {
              body: { query: template.replaceAll("@", "no-such-twin") },
              headers: headers(),
            });
            expectSameAnswer(seen, missing, []);
            expect(seen.headers.get("query-charge")).toBe(missing.headers.get("query-charge"));
          });
        }
      }
    });

    it("gives continuation tokens that reveal nothing (encrypted), and applies the scope on every page", async () => {
      await probe(async () => {
        const first = await full.request("POST", `/query${v}`, {
          body: { query: "SELECT * FROM DIGITALTWINS" },
          headers: { ...headers(), "max-items-per-page": "2" },
        });
        const token = first.body.continuationToken as string;
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        const decoded = Buffer.from(token, "base64url").toString("latin1");
        expect(decoded).not.toContain("SELECT");
        expect(decoded).not.toContain('"a"');
      });
      await probe(async () => {
        // A token the owner got (over every twin) continues over the scoped caller's twins only.
        const ownerFirst = await full.request("POST", `/query${v}`, {
          body: { query: "SELECT T.$dtId FROM DIGITALTWINS T" },
          headers: { ...owner, "max-items-per-page": "3" },
        });
        expect(ownerFirst.body.value).toEqual([{ $dtId: "bA" }, { $dtId: "bB" }, { $dtId: "fA1" }]);
        const rest = await full.request("POST", `/query${v}`, {
          body: { continuationToken: ownerFirst.body.continuationToken },
          headers: { ...headers(), "max-items-per-page": "100" },
        });
        const ids = rest.body.value.map((row: { $dtId: string }) => row.$dtId);
        expect(ids).toEqual(["fA2", "rA1", "rA2", "rA3", "sA1", "sA2", "sA3"]);
      });
    });
  });

  describe("point routes answer about a hidden twin as about a missing one", () => {
    const patch = [{ op: "replace", path: "/name", value: "pwned" }];
    const patchHeaders = { "content-type": "application/json-patch+json" };
    type Call = [string, (id: string) => string, unknown?, Record<string, string>?];
    const calls: Call[] = [
      ["GET", (id) => `/digitaltwins/${id}`],
      ["PATCH", (id) => `/digitaltwins/${id}`, patch, patchHeaders],
      ["DELETE", (id) => `/digitaltwins/${id}`],
      ["PUT", (id) => `/digitaltwins/${id}`, twinBody("x", "Room", 1)],
      ["PUT", (id) => `/digitaltwins/${id}`, { name: "no model" }],
      ["GET", (id) => `/digitaltwins/${id}/components/thermostat`],
      [
        "PATCH",
        (id) => `/digitaltwins/${id}/components/thermostat`,
        [{ op: "replace", path: "/setpoint", value: 1 }],
        patchHeaders,
      ],
      ["GET", (id) => `/digitaltwins/${id}/relationships`],
      ["GET", (id) => `/digitaltwins/${id}/relationships?relationshipName=contains&api-version=2023-10-31`],
      ["GET", (id) => `/digitaltwins/${id}/incomingrelationships`],
      ["GET", (id) => `/digitaltwins/${id}/relationships/rB1-adj-rA2`],
      [
        "PUT",
        (id) => `/digitaltwins/${id}/relationships/new-rel`,
        { $targetId: "rA2", $relationshipName: "adjacentTo" },
      ],
      [
        "PATCH",
        (id) => `/digitaltwins/${id}/relationships/rB1-adj-rA2`,
        [{ op: "replace", path: "/distance", value: 0 }],
        patchHeaders,
      ],
      ["DELETE", (id) => `/digitaltwins/${id}/relationships/rB1-adj-rA2`],
      ["POST", (id) => `/digitaltwins/${id}/telemetry`, { reading: 1 }, { "message-id": "m-1" }],
      ["POST", (id) => `/digitaltwins/${id}/components/thermostat/telemetry`, { reading: 1 }, { "message-id": "m-2" }],
    ];

    it.each(calls.map((call) => [`${call[0]} ${call[1]("{id}")}`, call] as const))("%s", async (_name, call) => {
      const [method, path, body, extra] = call;
      const url = (id: string) => (path(id).includes("?") ? path(id) : `${path(id)}${v}`);
      for (const hidden of hiddenTwins) {
        await probe(async () => {
          const init = {
            headers: { ...headers(), ...extra },
            ...(body === undefined ? {} : extra?.["content-type"] ? { rawBody: JSON.stringify(body) } : { body }),
          };
          const seen = await full.request(method, url(hidden), init);
          const missing = await full.request(method, url("no-such-twin"), init);
          expect(seen.status).toBeGreaterThanOrEqual(400);
          expectSameAnswer(seen, missing, [["no-such-twin", hidden]]);
        });
      }
    });

    it("answers about a relationship to a hidden twin as about a missing relationship", async () => {
      for (const [method, body] of [
        ["GET", undefined],
        ["PATCH", [{ op: "replace", path: "/distance", value: 0 }]],
        ["DELETE", undefined],
      ] as const) {
        await probe(async () => {
          const init = {
            headers: { ...headers(), ...(body ? { "content-type": "application/json-patch+json" } : {}) },
            ...(body ? { rawBody: JSON.stringify(body) } : {}),
          };
          const seen = await full.request(method, `/digitaltwins/rA1/relationships/rA1-adj-rB1${v}`, init);
          const missing = await full.request(method, `/digitaltwins/rA1/relationships/no-such-rel${v}`, init);
          expect(seen.status).toBe(404);
          expectSameAnswer(seen, missing, [["no-such-rel", "rA1-adj-rB1"]]);
        });
      }
      for (const target of hiddenTwins) {
        await probe(async () => {
          const put = (t: string) =>
            full.request("PUT", `/digitaltwins/rA1/relationships/probe-link${v}`, {
              body: { $targetId: t, $relationshipName: "adjacentTo" },
              headers: headers(),
            });
          expectSameAnswer(await put(target), await put("no-such-twin"), [["no-such-twin", target]]);
        });
      }
    });

    it("lists relationships of a visible twin without those of hidden twins, as the oracle does", async () => {
      for (const path of [
        "/digitaltwins/rA1/relationships",
        "/digitaltwins/rA2/incomingrelationships",
        "/digitaltwins/rA3/incomingrelationships",
        "/digitaltwins/sA1/incomingrelationships",
        "/digitaltwins/fA1/relationships",
      ]) {
        await probe(async () => {
          const seen = await full.request("GET", `${path}${v}`, { headers: headers() });
          const expected = await oracle.request("GET", `${path}${v}`, { headers: owner });
          expect(seen.status).toBe(200);
          expect(normalize(seen.body)).toEqual(normalize(expected.body));
        });
      }
    });

    it("changed nothing outside the scope", async () => {
      await probe(async () => {
        for (const hidden of hiddenTwins) {
          const twin = await full.request("GET", `/digitaltwins/${hidden}${v}`, { headers: owner });
          expect(twin.body.name).toBe(`name-${hidden}`);
        }
        const rel = await full.request("GET", `/digitaltwins/rB1/relationships/rB1-adj-rA2${v}`, { headers: owner });
        expect(rel.body.distance).toBe(4);
        const link = await full.request("GET", `/digitaltwins/rA1/relationships/rA1-adj-rB1${v}`, { headers: owner });
        expect(link.body.$targetId).toBe("rB1");
        const count = await full.request("POST", `/query${v}`, {
          body: { query: "SELECT COUNT() FROM DIGITALTWINS" },
          headers: owner,
        });
        expect(count.body.value).toEqual([{ COUNT: twins.length }]);
      });
    });
  });
});

/** Distinct ends of simple paths of exactly `hops` hops from `start` (either direction) inside `visible`. */
function pathEnds(start: string, hops: number, visible: ReadonlySet<string>): string[] {
  const edges = relationships.filter((r) => visible.has(r[0]) && visible.has(r[3]));
  const ends = new Set<string>();
  const walk = (at: string, path: string[]) => {
    if (path.length === hops + 1) {
      ends.add(at);
      return;
    }
    for (const [source, , , target] of edges) {
      const next = source === at ? target : target === at ? source : null;
      if (next !== null && !path.includes(next)) walk(next, [...path, next]);
    }
  };
  if (visible.has(start)) walk(start, [start]);
  return [...ends].sort();
}

describe.each([
  ["models scope (Room and what extends it)", "rooms", (t: (typeof twins)[number]) => t[1] === "Room"],
  [
    "predicate scope (kind IN ['floor', 'room'] AND area >= 25)",
    "floors-and-rooms",
    (t: (typeof twins)[number]) => (t[1] === "Floor" || t[1] === "Room") && t[2] >= 25,
  ],
] as const)("%s", (_name, group, inScope) => {
  const visible = new Set(twins.filter(inScope).map((t) => t[0]));
  const hidden = twins.filter((t) => !inScope(t)).map((t) => t[0]);
  let headers: Record<string, string>;
  beforeAll(async () => {
    headers = bearer(await idp.sign({ sub: `u-${group}`, groups: [group] }));
  });
  const ids = async (query: string) =>
    (await full.request("POST", `/query${v}`, { body: { query }, headers })).body.value
      .map((row: Record<string, string>) => Object.values(row).join("|"))
      .sort();

  it("counts, joins and traverses its twins only", async () => {
    await probe(async () => {
      expect(await ids("SELECT T.$dtId FROM DIGITALTWINS T")).toEqual([...visible].sort());
    });
    await probe(async () => {
      const expected = relationships.filter((r) => visible.has(r[0]) && visible.has(r[3])).map((r) => r[1]);
      expect(await ids("SELECT R.$relationshipId FROM RELATIONSHIPS R")).toEqual(expected.sort());
    });
    await probe(async () => {
      const expected = relationships
        .filter((r) => r[2] === "contains" && visible.has(r[0]) && visible.has(r[3]))
        .map((r) => `${r[0]}|${r[3]}`);
      expect(await ids("SELECT A.$dtId AS a, B.$dtId AS b FROM DIGITALTWINS A JOIN B RELATED A.contains")).toEqual(
        expected.sort(),
      );
    });
    for (const start of ["rA1", "rA2", "fA1", "fB1"]) {
      await probe(async () => {
        const query = `SELECT c.$dtId AS c FROM DIGITALTWINS MATCH (a)-[*2]-(c) WHERE a.$dtId = '${start}'`;
        expect(await ids(query)).toEqual(pathEnds(start, 2, visible));
      });
    }
    await probe(async () => {
      const total = twins.filter(inScope).reduce((sum, t) => sum + t[2], 0);
      const res = await full.request("POST", `/query${v}`, {
        body: { query: "SELECT COUNT() AS n, SUM(T.area) AS area FROM DIGITALTWINS T" },
        headers,
      });
      expect(res.body.value).toEqual([{ n: visible.size, area: total }]);
    });
  });

  it("answers about a hidden twin as about a missing one", async () => {
    for (const id of hidden) {
      await probe(async () => {
        const seen = await full.request("GET", `/digitaltwins/${id}${v}`, { headers });
        const missing = await full.request("GET", `/digitaltwins/no-such-twin${v}`, { headers });
        expectSameAnswer(seen, missing, [["no-such-twin", id]]);
      });
    }
  });
});

describe("the subgraph follows the graph", () => {
  const scoped = () => principals[0]!.headers;
  const count = async () =>
    (
      await full.request("POST", `/query${v}`, {
        body: { query: "SELECT COUNT() FROM DIGITALTWINS" },
        headers: scoped(),
      })
    ).body.value[0].COUNT;
  const incomingOfRA3 = async () =>
    (await full.request("GET", `/digitaltwins/rA3/incomingrelationships${v}`, { headers: scoped() })).body.value
      .map((r: { $relationshipId: string }) => r.$relationshipId)
      .sort();

  it("shows a twin once a contains relationship reaches it, and hides it again when it is removed", async () => {
    await probe(async () => {
      expect((await full.request("GET", `/digitaltwins/rB2${v}`, { headers: scoped() })).status).toBe(404);
      expect(await count()).toBe(visibleTwins.size);
    });
    // A token from before the change continues from the graph as it is now.
    const before = await full.request("POST", `/query${v}`, {
      body: { query: "SELECT T.$dtId FROM DIGITALTWINS T" },
      headers: { ...scoped(), "max-items-per-page": "3" },
    });
    await ok(
      full.request("PUT", `/digitaltwins/fA2/relationships/fA2-rB2${v}`, {
        body: { $targetId: "rB2", $relationshipName: "contains" },
        headers: owner,
      }),
    );
    await probe(async () => {
      expect((await full.request("GET", `/digitaltwins/rB2${v}`, { headers: scoped() })).status).toBe(200);
      expect(await count()).toBe(visibleTwins.size + 1);
      expect(await incomingOfRA3()).toEqual(["fA2-rA3", "rA2-adj-rA3", "rB2-adj-rA3"]);
      const path = await full.request("POST", `/query${v}`, {
        body: {
          query: "SELECT c.$dtId AS c FROM DIGITALTWINS MATCH (a)-[:contains*2]->(c) WHERE a.$dtId = 'bA'",
        },
        headers: scoped(),
      });
      expect(path.body.value.map((row: { c: string }) => row.c).sort()).toEqual(["rA1", "rA2", "rA3", "rB2"]);
      const rest = await full.request("POST", `/query${v}`, {
        body: { continuationToken: before.body.continuationToken },
        headers: { ...scoped(), "max-items-per-page": "100" },
      });
      expect(rest.body.value.map((row: { $dtId: string }) => row.$dtId)).toContain("rB2");
    });
    await ok(full.request("DELETE", `/digitaltwins/fA2/relationships/fA2-rB2${v}`, { headers: owner }), 204);
    await probe(async () => {
      const seen = await full.request("GET", `/digitaltwins/rB2${v}`, { headers: scoped() });
      const missing = await full.request("GET", `/digitaltwins/no-such-twin${v}`, { headers: scoped() });
      expectSameAnswer(seen, missing, [["no-such-twin", "rB2"]]);
      expect(await count()).toBe(visibleTwins.size);
      expect(await incomingOfRA3()).toEqual(["fA2-rA3", "rA2-adj-rA3"]);
    });
  });
});

/** An SSE subscription collecting `[type, subject]` of every event until `until` matches. */
async function sse(server: TestServer, headers: Record<string, string>) {
  const stream = await openSseStream(`${server.url}/events/stream`, headers);
  expect(stream.response.status).toBe(200);
  const events = () =>
    stream.frames
      .filter((frame) => frame.data !== undefined && frame.data !== "")
      .map((frame) => {
        const event = JSON.parse(frame.data!);
        return {
          type: event.type as string,
          subject: event.subject as string | undefined,
          data: event.data as unknown,
        };
      });
  return {
    get events() {
      return events();
    },
    async until(predicate: (e: { type: string; subject: string | undefined }) => boolean): Promise<void> {
      const deadline = Date.now() + 5000;
      while (!events().some(predicate)) {
        if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(events())}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => stream.close(),
  };
}

/** A WebSocket subscription collecting `[type, subject]`. */
async function socket(server: TestServer, headers: Record<string, string>) {
  const ws = new WebSocket(`${server.url.replace("https:", "wss:")}/events/ws`, { headers });
  const events: { type: string; subject: string | undefined }[] = [];
  ws.on("message", (data) => {
    const { event } = JSON.parse(String(data));
    events.push({ type: event.type, subject: event.subject });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { events, close: () => ws.close() };
}

describe("live streams carry only the events of visible twins", () => {
  it("filters SSE and WebSocket events to the subgraph (relationships: both ends)", async () => {
    const scoped = principals[1]!.headers;
    const seen = await sse(full, scoped);
    const expected = await sse(oracle, owner);
    const ws = await socket(full, scoped);
    // The same visible changes on both servers; hidden ones only on the full one.
    const patch = (server: TestServer, id: string, value: string) =>
      ok(
        server.request("PATCH", `/digitaltwins/${id}${v}`, {
          rawBody: JSON.stringify([{ op: "replace", path: "/name", value }]),
          headers: { ...owner, "content-type": "application/json-patch+json" },
        }),
        204,
      );
    const telemetry = (server: TestServer, id: string) =>
      ok(
        server.request("POST", `/digitaltwins/${id}/telemetry${v}`, {
          body: { reading: 1 },
          headers: { ...owner, "message-id": `t-${id}` },
        }),
        204,
      );
    const link = (server: TestServer, source: string, id: string, target: string) =>
      ok(
        server.request("PUT", `/digitaltwins/${source}/relationships/${id}${v}`, {
          body: { $targetId: target, $relationshipName: "adjacentTo", distance: 1 },
          headers: owner,
        }),
      );
    const relPatch = (server: TestServer, source: string, id: string) =>
      ok(
        server.request("PATCH", `/digitaltwins/${source}/relationships/${id}${v}`, {
          rawBody: JSON.stringify([{ op: "replace", path: "/distance", value: 9 }]),
          headers: { ...owner, "content-type": "application/json-patch+json" },
        }),
        204,
      );
    const unlink = (server: TestServer, source: string, id: string) =>
      ok(server.request("DELETE", `/digitaltwins/${source}/relationships/${id}${v}`, { headers: owner }), 204);

    for (const server of [full, oracle]) {
      const both = server === full;
      await patch(server, "rA1", "changed");
      if (both) await patch(server, "rB1", "changed");
      await telemetry(server, "sA1");
      if (both) await telemetry(server, "sB1");
      if (both) await telemetry(server, "sX");
      await link(server, "rA2", "rA2-adj-rA1", "rA1");
      if (both) await link(server, "rA2", "rA2-adj-sB1", "sB1");
      if (both) await link(server, "sB1", "sB1-adj-rA2", "rA2");
      await relPatch(server, "rA2", "rA2-adj-rA3");
      if (both) await relPatch(server, "rA1", "rA1-adj-rB1");
      if (both) await unlink(server, "rA2", "rA2-adj-sB1");
      await unlink(server, "rA2", "rA2-adj-rA1");
      if (both) {
        await ok(server.request("PUT", `/digitaltwins/hX${v}`, { body: twinBody("hX", "Sensor", 9), headers: owner }));
        await ok(server.request("DELETE", `/digitaltwins/hX${v}`, { headers: owner }), 204);
      }
      await patch(server, "rA3", "done");
    }
    const done = (e: { type: string; subject: string | undefined }) =>
      e.type === "Microsoft.DigitalTwins.Twin.Update" && e.subject === "rA3";
    await seen.until(done);
    await expected.until(done);
    const deadline = Date.now() + 5000;
    while (!ws.events.some(done) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await seen.close();
    await expected.close();
    ws.close();
    await probe(() => {
      const shape = (list: { type: string; subject: string | undefined; data?: unknown }[]) =>
        list.map((e) => ({ type: e.type, subject: e.subject, data: normalize(e.data) }));
      expect(shape(seen.events)).toEqual(shape(expected.events));
      expect(seen.events.map((e) => e.subject)).toEqual([
        "rA1",
        undefined,
        "rA2/relationships/rA2-adj-rA1",
        "rA2/relationships/rA2-adj-rA3",
        "rA2/relationships/rA2-adj-rA1",
        "rA3",
      ]);
    });
    await probe(() => {
      expect(ws.events).toEqual(seen.events.map((e) => ({ type: e.type, subject: e.subject })));
    });
  });
});

describe("live streams under a models scope", () => {
  it("shows a twin's creation and deletion by the model the events carry", async () => {
    const headers = bearer(await idp.sign({ sub: "u-rooms", groups: ["rooms"] }));
    const seen = await sse(full, headers);
    await ok(full.request("PUT", `/digitaltwins/rZ${v}`, { body: twinBody("rZ", "Room", 9), headers: owner }));
    await ok(full.request("PUT", `/digitaltwins/sZ${v}`, { body: twinBody("sZ", "Sensor", 9), headers: owner }));
    await ok(full.request("DELETE", `/digitaltwins/sZ${v}`, { headers: owner }), 204);
    await ok(full.request("DELETE", `/digitaltwins/rZ${v}`, { headers: owner }), 204);
    await ok(
      full.request("PATCH", `/digitaltwins/rA3${v}`, {
        rawBody: JSON.stringify([{ op: "replace", path: "/name", value: "end" }]),
        headers: { ...owner, "content-type": "application/json-patch+json" },
      }),
      204,
    );
    await seen.until((e) => e.subject === "rA3");
    await seen.close();
    await probe(() => {
      expect(seen.events.map((e) => [e.type, e.subject])).toEqual([
        ["Microsoft.DigitalTwins.Twin.Create", "rZ"],
        ["Microsoft.DigitalTwins.Twin.Delete", "rZ"],
        ["Microsoft.DigitalTwins.Twin.Update", "rA3"],
      ]);
    });
  });
});

/**
 * The one-bit answers docs/security.md lists under "Not protected by scopes": ids are global and a
 * twin with relationships cannot be deleted, so some answers must differ from "it does not exist".
 * These probes pin that they differ by exactly that bit, and say nothing else about the hidden twin.
 */
describe("what a scoped caller learns by design: taken ids and hidden relationships", () => {
  let writer: Record<string, string>;
  const roomBody = twinBody("new", "Room", 12);
  const forbidden = (message: string) => ({ error: { code: "Forbidden", message } });
  beforeAll(async () => {
    writer = bearer(await idp.sign({ sub: "room-writer", groups: ["room-writers"] }));
  });

  it("a create its models scope allows, on an id a hidden twin holds, says only that the id is taken", async () => {
    // Twins of every other model are hidden from a Room-scoped writer.
    const answers = new Map<string, RawResponse>();
    for (const id of ["bB", "fB1", "sX", "bA"]) {
      await probe(async () => {
        const res = await full.request("PUT", `/digitaltwins/${id}${v}`, { body: roomBody, headers: writer });
        expect(res.status).toBe(403);
        expect(res.body).toEqual(
          forbidden(
            `The twin ${id} cannot be created or replaced with your role assignments: the id belongs to a twin outside your scope.`,
          ),
        );
        answers.set(id, res);
      });
    }
    // The same answer whatever the hidden twin is (a building, a floor, a sensor, another subgraph's root).
    await probe(() => {
      const [first, ...rest] = [...answers.entries()];
      for (const [id, res] of rest) expectSameAnswer(res, first![1], [[first![0], id]]);
    });
    // With If-None-Match: * too: the bit is the same as a free id's 200 would tell.
    await probe(async () => {
      const res = await full.request("PUT", `/digitaltwins/bB${v}`, {
        body: roomBody,
        headers: { ...writer, "if-none-match": "*" },
      });
      expectSameAnswer(res, answers.get("bB")!, []);
    });
    // A model the scope does not allow gets the same 403 on a hidden id as on a free one.
    await probe(async () => {
      const building = twinBody("x", "Building", 1);
      const seen = await full.request("PUT", `/digitaltwins/bB${v}`, { body: building, headers: writer });
      const free = await full.request("PUT", `/digitaltwins/free-id${v}`, { body: building, headers: writer });
      expect(free.status).toBe(403);
      expectSameAnswer(seen, free, []);
    });
    // The bit itself: a free id is created (and deleted again, so the rest of the suite is unchanged).
    await probe(async () => {
      await ok(full.request("PUT", `/digitaltwins/free-id${v}`, { body: roomBody, headers: writer }));
      await ok(full.request("DELETE", `/digitaltwins/free-id${v}`, { headers: writer }), 204);
    });
    await probe(async () => {
      for (const id of ["bB", "fB1", "sX", "bA"]) {
        const twin = await full.request("GET", `/digitaltwins/${id}${v}`, { headers: owner });
        expect(twin.body.name).toBe(`name-${id}`);
      }
    });
  });

  it("lets a create through only as a create, so a hidden twin written meanwhile is never replaced", async () => {
    // The guard runs before the handler; what it allowed because the id was free must stay a
    // create (the security layer then sets If-None-Match: *, and the graph refuses to replace).
    const auth = full.server.services.auth;
    const principal: Principal = {
      kind: "user",
      id: "room-writer",
      subject: "room-writer",
      objectId: undefined,
      issuer: undefined,
      groups: ["room-writers"],
      roles: [],
    };
    const access = (method: string, url: string) => {
      const rule = ruleFor(method, url)!;
      const action = rule.action as Exclude<typeof rule.action, "public" | "authenticated">;
      return auth
        .access()
        .then((snapshot) => ({ principal, action, scope: snapshot.scopeFor(principal, action), rule }));
    };
    const putTwin = await access("PUT", "/digitaltwins/:id");
    const putRelationship = await access("PUT", "/digitaltwins/:id/relationships/:relationshipId");
    await probe(async () => {
      expect(await guardTwinScope(auth.store, putTwin, ["free-id"], roomBody)).toBe("createOnly");
      expect(await guardTwinScope(auth.store, putTwin, ["rA1"], roomBody)).toBeUndefined();
      const body = { $targetId: "rA2", $relationshipName: "adjacentTo" };
      expect(await guardTwinScope(auth.store, putRelationship, ["rA1", "new-link"], body)).toBe("createOnly");
      expect(await guardTwinScope(auth.store, putRelationship, ["rA2", "rA2-adj-rA3"], body)).toBeUndefined();
    });
  });

  it("a subgraph scope cannot create a twin it would not reach, so taken and free ids answer alike", async () => {
    for (const [i, principal] of principals.entries()) {
      await probe(async () => {
        const seen = await full.request("PUT", `/digitaltwins/bB${v}`, { body: roomBody, headers: principal.headers });
        const free = await full.request("PUT", `/digitaltwins/free-${i}${v}`, {
          body: roomBody,
          headers: principal.headers,
        });
        expect(free.body).toEqual(
          forbidden(
            `Your role assignments do not allow twins of model ${room} here: the twin would fall outside your scope.`,
          ),
        );
        expectSameAnswer(seen, free, []);
      });
    }
  });

  it("deleting a visible twin that has relationships to hidden twins says only that it has relationships", async () => {
    // rm-hidden links to a building (hidden from the writer); rm-visible to a room (visible).
    await ok(full.request("PUT", `/digitaltwins/rm-hidden${v}`, { body: roomBody, headers: owner }));
    await ok(full.request("PUT", `/digitaltwins/rm-visible${v}`, { body: roomBody, headers: owner }));
    const link = (source: string, target: string) =>
      ok(
        full.request("PUT", `/digitaltwins/${source}/relationships/${source}-link${v}`, {
          body: { $targetId: target, $relationshipName: "adjacentTo" },
          headers: owner,
        }),
      );
    await link("rm-hidden", "bB");
    await link("rm-visible", "rA1");
    try {
      await probe(async () => {
        // The writer sees no relationship of rm-hidden at all...
        const out = await full.request("GET", `/digitaltwins/rm-hidden/relationships${v}`, { headers: writer });
        expect(out.body.value).toEqual([]);
        // ...yet cannot delete it: the answer is the one a visible relationship gives, ids aside.
        const seen = await full.request("DELETE", `/digitaltwins/rm-hidden${v}`, { headers: writer });
        const visible = await full.request("DELETE", `/digitaltwins/rm-visible${v}`, { headers: writer });
        expect(seen.status).toBe(400);
        expect(seen.headers.get("x-ms-error-code")).toBe("RelationshipsNotDeleted");
        expectSameAnswer(seen, visible, [["rm-visible", "rm-hidden"]]);
      });
      // deleteRelationships=true (in any spelling the route accepts) needs instance-wide rights,
      // so a scoped caller can neither delete nor count hidden relationships with it.
      const refusal = (principal: string) =>
        forbidden(
          `The principal '${principal}' needs 'Microsoft.DigitalTwins/digitaltwins/relationships/delete' on the whole instance to use deleteRelationships=true.`,
        );
      for (const flag of ["true", "TRUE", "True", "true&deleteRelationships=true", "yes"]) {
        await probe(async () => {
          const url = (id: string) => `/digitaltwins/${id}?deleteRelationships=${flag}&api-version=2023-10-31`;
          const seen = await full.request("DELETE", url("rm-hidden"), { headers: writer });
          expect(seen.status).toBe(403);
          expect(seen.body).toEqual(refusal("room-writer"));
          // A hidden twin and a missing one get that same answer.
          expectSameAnswer(await full.request("DELETE", url("bB"), { headers: writer }), seen, []);
          expectSameAnswer(await full.request("DELETE", url("no-such-twin"), { headers: writer }), seen, []);
        });
      }
      await probe(async () => {
        const url = "/digitaltwins/rm-visible?deleteRelationships=TRUE&api-version=2023-10-31";
        const res = await full.request("DELETE", url, { headers: principals[1]!.headers });
        expect(res.status).toBe(403);
        expect(res.body).toEqual(refusal("facility-a"));
      });
      await probe(async () => {
        const kept = await full.request("GET", `/digitaltwins/rm-hidden/relationships/rm-hidden-link${v}`, {
          headers: owner,
        });
        expect(kept.status).toBe(200);
        expect(kept.body.$targetId).toBe("bB");
        expect((await full.request("GET", `/digitaltwins/rm-hidden${v}`, { headers: owner })).status).toBe(200);
      });
    } finally {
      for (const id of ["rm-hidden", "rm-visible"]) {
        await ok(
          full.request("DELETE", `/digitaltwins/${id}?deleteRelationships=true&api-version=2023-10-31`, {
            headers: owner,
          }),
          204,
        );
      }
    }
  });
});
