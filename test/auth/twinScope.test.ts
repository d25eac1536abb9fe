import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/testServer.js";
import { bearer, createTestIdp, startSecureServer, type TestIdp } from "./authSupport.js";

const v = "?api-version=2023-10-31";
let idp: TestIdp;
let t: TestServer;
const tokens: Record<string, Record<string, string>> = {};

const models = [
  {
    "@id": "dtmi:test:Space;1",
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    contents: [
      { "@type": "Property", name: "name", schema: "string" },
      { "@type": "Relationship", name: "contains" },
    ],
  },
  {
    "@id": "dtmi:test:Room;1",
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    extends: "dtmi:test:Space;1",
    contents: [{ "@type": "Relationship", name: "hosts" }],
  },
  { "@id": "dtmi:test:Floor;1", "@type": "Interface", "@context": "dtmi:dtdl:context;2", extends: "dtmi:test:Space;1" },
  {
    "@id": "dtmi:test:Device;1",
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    contents: [{ "@type": "Property", name: "name", schema: "string" }],
  },
];

const twin = (model: string, name: string) => ({ $metadata: { $model: model }, name });

beforeAll(async () => {
  idp = await createTestIdp();
  t = await startSecureServer(idp, {
    roleAssignments: {
      owners: { principal: "group:owners", role: "Azure Digital Twins Data Owner" },
      spaces: {
        principal: "group:spaces",
        role: "Azure Digital Twins Data Reader",
        scope: { kind: "models", models: ["dtmi:test:Space;1"] },
      },
      floor1: {
        principal: "group:floor1",
        role: "Azure Digital Twins Data Owner",
        scope: { kind: "subgraph", root: "floor1", relationships: ["contains", "hosts"] },
      },
      devices: {
        principal: "group:devices",
        role: "Azure Digital Twins Data Owner",
        scope: { kind: "models", models: ["dtmi:test:Device;1"] },
      },
      predicate: {
        principal: "group:predicate",
        role: "Azure Digital Twins Data Reader",
        scope: { kind: "query", where: "$dtId = 'room2'" },
      },
      // The configuration file is read without the store's compiler: this is refused only later.
      broken: {
        principal: "group:broken",
        role: "Azure Digital Twins Data Reader",
        scope: { kind: "query", where: "$dtId = " },
      },
    },
  });
  for (const group of ["owners", "spaces", "floor1", "devices", "predicate", "broken"]) {
    tokens[group] = bearer(await idp.sign({ sub: `u-${group}`, groups: [group] }));
  }
  const owner = tokens.owners!;
  expect((await t.request("POST", `/models${v}`, { body: models, headers: owner })).status).toBe(201);
  for (const [id, model] of [
    ["floor1", "dtmi:test:Floor;1"],
    ["room1", "dtmi:test:Room;1"],
    ["room2", "dtmi:test:Room;1"],
    ["dev1", "dtmi:test:Device;1"],
    ["dev2", "dtmi:test:Device;1"],
  ] as const) {
    const res = await t.request("PUT", `/digitaltwins/${id}${v}`, { body: twin(model, id), headers: owner });
    expect(res.status, res.text).toBe(200);
  }
  for (const [source, id, name, target] of [
    ["floor1", "f1-r1", "contains", "room1"],
    ["room1", "r1-d1", "hosts", "dev1"],
    ["room2", "r2-d2", "hosts", "dev2"],
    ["floor1", "f1-r2", "contains", "room2"],
  ] as const) {
    const body = { $targetId: target, $relationshipName: name };
    const res = await t.request("PUT", `/digitaltwins/${source}/relationships/${id}${v}`, { body, headers: owner });
    expect(res.status, res.text).toBe(200);
  }
});
afterAll(async () => {
  await t.close();
});

/** A hidden twin must answer byte for byte like a missing one (with its own id in the message). */
async function expectLooksMissing(
  path: (id: string) => string,
  hidden: string,
  headers: Record<string, string>,
  method = "GET",
  body?: unknown,
) {
  const seen = await t.request(method, path(hidden), { headers, body });
  const missing = await t.request(method, path("no-such-twin"), { headers, body });
  expect(missing.status).toBe(404);
  expect(seen.status).toBe(404);
  expect(seen.headers.get("content-type")).toBe(missing.headers.get("content-type"));
  expect(seen.headers.get("x-ms-error-code")).toBe(missing.headers.get("x-ms-error-code"));
  expect(seen.text).toBe(missing.text.replaceAll("no-such-twin", hidden));
}

describe("models scope (Data Reader on Space and everything extending it)", () => {
  it("reads twins of derived models", async () => {
    for (const id of ["floor1", "room1", "room2"]) {
      const res = await t.request("GET", `/digitaltwins/${id}${v}`, { headers: tokens.spaces });
      expect(res.status).toBe(200);
      expect(res.body.$dtId).toBe(id);
    }
  });

  it("sees a twin of another model exactly as a missing twin (GET, components, relationship lists)", async () => {
    await expectLooksMissing((id) => `/digitaltwins/${id}${v}`, "dev1", tokens.spaces!);
    await expectLooksMissing((id) => `/digitaltwins/${id}/relationships${v}`, "dev1", tokens.spaces!);
    await expectLooksMissing((id) => `/digitaltwins/${id}/incomingrelationships${v}`, "dev1", tokens.spaces!);
    await expectLooksMissing((id) => `/digitaltwins/${id}/relationships/r1-d1${v}`, "dev1", tokens.spaces!);
  });

  it("drops relationships to hidden twins from list pages, keeps the others", async () => {
    const out = await t.request("GET", `/digitaltwins/room1/relationships${v}`, { headers: tokens.spaces });
    expect(out.status).toBe(200);
    expect(out.body.value).toEqual([]);
    const floor = await t.request("GET", `/digitaltwins/floor1/relationships${v}`, { headers: tokens.spaces });
    expect(floor.body.value.map((r: any) => r.$relationshipId).sort()).toEqual(["f1-r1", "f1-r2"]);
    const owner = await t.request("GET", `/digitaltwins/room1/relationships${v}`, { headers: tokens.owners });
    expect(owner.body.value.map((r: any) => r.$relationshipId)).toEqual(["r1-d1"]);
  });

  it("answers a relationship whose target is hidden as a missing relationship", async () => {
    const hidden = await t.request("GET", `/digitaltwins/room1/relationships/r1-d1${v}`, { headers: tokens.spaces });
    const missing = await t.request("GET", `/digitaltwins/room1/relationships/nope${v}`, { headers: tokens.spaces });
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe(missing.text.replaceAll("nope", "r1-d1"));
  });

  it("queries over its twins only, and may open a live stream (filtered to its twins)", async () => {
    const query = await t.request("POST", `/query${v}`, {
      body: { query: "SELECT T.$dtId FROM digitaltwins T" },
      headers: tokens.spaces,
    });
    expect(query.status).toBe(200);
    expect(query.body).toEqual({
      value: [{ $dtId: "floor1" }, { $dtId: "room1" }, { $dtId: "room2" }],
      continuationToken: null,
    });
    const owner = await t.request("POST", `/query${v}`, {
      body: { query: "SELECT COUNT() FROM digitaltwins" },
      headers: tokens.owners,
    });
    expect(owner.body.value).toEqual([{ COUNT: 5 }]);
    const controller = new AbortController();
    const stream = await fetch(`${t.url}/events/stream`, { headers: tokens.spaces, signal: controller.signal });
    expect(stream.status).toBe(200);
    controller.abort();
  });

  it("still reads models (instance-wide) but not event routes", async () => {
    expect((await t.request("GET", `/models${v}`, { headers: tokens.spaces })).status).toBe(200);
    expect((await t.request("GET", `/eventroutes${v}`, { headers: tokens.spaces })).status).toBe(403);
  });
});

describe("models scope with write (Data Owner on Device)", () => {
  it("creates a twin of the scoped model, refuses one of another model with 403", async () => {
    const ok = await t.request("PUT", `/digitaltwins/dev3${v}`, {
      body: twin("dtmi:test:Device;1", "d3"),
      headers: tokens.devices,
    });
    expect(ok.status, ok.text).toBe(200);
    const denied = await t.request("PUT", `/digitaltwins/room9${v}`, {
      body: twin("dtmi:test:Room;1", "r9"),
      headers: tokens.devices,
    });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        code: "Forbidden",
        message:
          "Your role assignments do not allow twins of model dtmi:test:Room;1 here: the twin would fall outside your scope.",
      },
    });
    expect((await t.request("GET", `/digitaltwins/room9${v}`, { headers: tokens.owners })).status).toBe(404);
  });

  it("may not move a twin out of scope by changing its model, nor overwrite a hidden twin", async () => {
    const patch = [{ op: "replace", path: "/$metadata/$model", value: "dtmi:test:Room;1" }];
    const res = await t.request("PATCH", `/digitaltwins/dev1${v}`, {
      rawBody: JSON.stringify(patch),
      headers: { ...tokens.devices, "content-type": "application/json-patch+json" },
    });
    expect(res.status).toBe(403);
    await expectLooksMissing((id) => `/digitaltwins/${id}${v}`, "room1", tokens.devices!, "PATCH", [
      { op: "replace", path: "/name", value: "x" },
    ]);
    const overwrite = await t.request("PUT", `/digitaltwins/room1${v}`, {
      body: twin("dtmi:test:Device;1", "x"),
      headers: tokens.devices,
    });
    // A create the scope would allow is the one answer that cannot look like a missing twin.
    expect(overwrite.status).toBe(403);
    expect(overwrite.body).toEqual({
      error: {
        code: "Forbidden",
        message:
          "The twin room1 cannot be created or replaced with your role assignments: the id belongs to a twin outside your scope.",
      },
    });
    const still = await t.request("GET", `/digitaltwins/room1${v}`, { headers: tokens.owners });
    expect(still.body.$metadata.$model).toBe("dtmi:test:Room;1");
  });

  it("hides telemetry targets outside the scope", async () => {
    const headers = { ...tokens.devices, "message-id": "m1" };
    expect((await t.request("POST", `/digitaltwins/dev1/telemetry${v}`, { body: { t: 1 }, headers })).status).toBe(204);
    await expectLooksMissing((id) => `/digitaltwins/${id}/telemetry${v}`, "room1", headers, "POST", { t: 1 });
  });
});

describe("subgraph scope (Data Owner below floor1 through contains and hosts)", () => {
  it("reaches the root and everything reachable through the named relationships", async () => {
    for (const id of ["floor1", "room1", "dev1", "room2", "dev2"]) {
      const res = await t.request("GET", `/digitaltwins/${id}${v}`, { headers: tokens.floor1 });
      expect(res.status, id).toBe(200);
    }
  });

  it("loses a twin as soon as the relationship that reached it is deleted", async () => {
    const owner = tokens.owners!;
    expect((await t.request("DELETE", `/digitaltwins/room2/relationships/r2-d2${v}`, { headers: owner })).status).toBe(
      204,
    );
    await expectLooksMissing((id) => `/digitaltwins/${id}${v}`, "dev2", tokens.floor1!);
    const back = { $targetId: "dev2", $relationshipName: "hosts" };
    expect(
      (await t.request("PUT", `/digitaltwins/room2/relationships/r2-d2${v}`, { body: back, headers: owner })).status,
    ).toBe(200);
    expect((await t.request("GET", `/digitaltwins/dev2${v}`, { headers: tokens.floor1 })).status).toBe(200);
  });

  it("may not create twins (a new twin is not reachable yet) nor link to a hidden twin", async () => {
    const create = await t.request("PUT", `/digitaltwins/dev9${v}`, {
      body: twin("dtmi:test:Device;1", "x"),
      headers: tokens.floor1,
    });
    expect(create.status).toBe(403);
    const link = await t.request("PUT", `/digitaltwins/room1/relationships/r1-d3${v}`, {
      body: { $targetId: "dev3", $relationshipName: "hosts" },
      headers: tokens.floor1,
    });
    expect(link.status).toBe(404);
    expect(link.body.error.code).toBe("TargetDigitalTwinNotFound");
  });

  it("needs instance-wide relationship delete for deleteRelationships=true", async () => {
    const res = await t.request("DELETE", `/digitaltwins/dev1${v}&deleteRelationships=true`, {
      headers: tokens.floor1,
    });
    expect(res.status).toBe(403);
    expect((await t.request("GET", `/digitaltwins/dev1${v}`, { headers: tokens.owners })).status).toBe(200);
  });
});

describe("predicate scope (compiled by the query engine)", () => {
  it("reaches only the twins matching the condition", async () => {
    expect((await t.request("GET", `/digitaltwins/room2${v}`, { headers: tokens.predicate })).status).toBe(200);
    await expectLooksMissing((id) => `/digitaltwins/${id}${v}`, "room1", tokens.predicate!);
  });

  it("reaches nothing when its condition does not compile (fail closed)", async () => {
    await expectLooksMissing((id) => `/digitaltwins/${id}${v}`, "room2", tokens.broken!);
  });
});
