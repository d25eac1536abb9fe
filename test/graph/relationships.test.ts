import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import {
  api,
  etagPattern,
  eventsAfter,
  expectError,
  expectJson,
  lastSeq,
  patch,
  putTwin,
  richModels,
  twinPath,
  uploadModels,
} from "./support.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await uploadModels(t, richModels);
  for (const id of ["a", "b", "c", "d"]) await putRich(id);
  expectJson(await putTwin(t, "base", { $metadata: { $model: "dtmi:test:Base;1" } }), 200);
  expectJson(await putTwin(t, "derived", { $metadata: { $model: "dtmi:test:Derived;1" } }), 200);
});
afterAll(async () => {
  await t.close();
});

const rich = "dtmi:test:Rich;1";
const patchHelp =
  "Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.";

function putRich(id: string) {
  return putTwin(t, id, { $metadata: { $model: rich }, panel: {} });
}

function putRelationship(source: string, id: string, body: unknown, headers: Record<string, string> = {}) {
  return t.request("PUT", twinPath(source, `/relationships/${encodeURIComponent(id)}`), { body, headers });
}

function relationshipPath(source: string, id: string): string {
  return twinPath(source, `/relationships/${encodeURIComponent(id)}`);
}

const notFound = (relationship: string, twin: string) =>
  `Relationship ${relationship} not found on twin ${twin}. Please verify that the relationship id is valid and ensure that the relationship is not deleted. See section on listing relationships in the documentation https://aka.ms/adtv2twins.`;

describe("PUT and GET /digitaltwins/{id}/relationships/{relationshipId}", () => {
  it("creates: 200 with the relationship in ADT's key order, ETag = $etag, and a Relationship.Create event", async () => {
    const before = await lastSeq(t);
    const res = await putRelationship("a", "a-feeds-b", { weight: 1.5, $targetId: "b", $relationshipName: "feeds" });
    expectJson(res, 200);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(etagPattern);
    expect(res.text).toBe(
      JSON.stringify({
        $relationshipId: "a-feeds-b",
        $etag: etag,
        $sourceId: "a",
        $relationshipName: "feeds",
        $targetId: "b",
        weight: 1.5,
      }),
    );
    const get = await t.request("GET", relationshipPath("a", "a-feeds-b"));
    expectJson(get, 200);
    expect(get.headers.get("etag")).toBe(etag);
    expect(get.text).toBe(res.text);
    const events = await eventsAfter(t, before);
    expect(events).toHaveLength(1);
    expect(events[0]!.twinId).toBe("a");
    expect(events[0]!.event).toEqual({
      specversion: "1.0",
      id: events[0]!.event.id,
      type: "Microsoft.DigitalTwins.Relationship.Create",
      source: new URL(t.url).host,
      data: res.body,
      subject: "a/relationships/a-feeds-b",
      time: events[0]!.event.time,
      datacontenttype: "application/json",
      traceparent: events[0]!.event.traceparent,
    });
  });

  it("accepts the $relationshipId, $sourceId and $etag real clients send, but not contradicting ids", async () => {
    const body = {
      $relationshipId: "echo",
      $sourceId: "a",
      $etag: 'W/"x"',
      $relationshipName: "anything",
      $targetId: "c",
    };
    expectJson(await putRelationship("a", "echo", body), 200);
    expectError(await putRelationship("a", "echo2", body), 400, "InvalidArgument");
    expectError(await putRelationship("a", "echo", { ...body, $sourceId: "b" }), 400, "InvalidArgument");
    expectError(await putRelationship("a", "norel", { $targetId: "c" }), 400, "InvalidArgument");
    expectError(await putRelationship("a", "notarget", { $relationshipName: "anything" }), 400, "InvalidArgument");
  });

  it("answers ADT's 404s for a missing source or target and refuses self-relationships", async () => {
    expectError(
      await putRelationship("nosuch", "r", { $relationshipName: "anything", $targetId: "a" }),
      404,
      "DigitalTwinNotFound",
      "There is no digital twin instance that exists with the ID nosuch. Please verify that the twin id is valid and ensure that the twin is not deleted. See section on querying the twins https://aka.ms/adtv2query.",
    );
    expectError(
      await putRelationship("a", "r", { $relationshipName: "anything", $targetId: "foo" }),
      404,
      "TargetDigitalTwinNotFound",
      "The target digital twin is invalid or does not exist. Please validate that the target twin is valid and ensure that the target twin is not deleted. See section on querying the twins https://aka.ms/adtv2query .",
    );
    expectError(
      await putRelationship("a", "r", { $relationshipName: "anything", $targetId: "a" }),
      400,
      "OperationNotAllowed",
    );
  });

  it("validates the name against the source's model (inherited included) and the target against `target`", async () => {
    expectError(
      await putRelationship("a", "r", { $relationshipName: "unknown", $targetId: "b" }),
      400,
      "InvalidRelationship",
      `unknown is not a relationship of ${rich}. The relationship name must be defined by the model of the source twin or one of its ancestors.`,
    );
    expectError(
      await putRelationship("a", "r", { $relationshipName: "temp", $targetId: "b" }),
      400,
      "InvalidRelationship",
    );
    // `contains` is declared on Base with target Base: Derived inherits it and satisfies it.
    expectJson(await putRelationship("derived", "d-base", { $relationshipName: "contains", $targetId: "base" }), 200);
    expectJson(
      await putRelationship("base", "b-derived", { $relationshipName: "contains", $targetId: "derived" }),
      200,
    );
    expectError(
      await putRelationship("base", "b-rich", { $relationshipName: "contains", $targetId: "a" }),
      400,
      "InvalidRelationship",
      `The target twin a has model ${rich}, but relationship contains requires dtmi:test:Base;1 or a model extending it.`,
    );
    // No target: any twin will do.
    expectJson(await putRelationship("a", "any-base", { $relationshipName: "anything", $targetId: "base" }), 200);
  });

  it("validates relationship properties against their schemas", async () => {
    expectError(
      await putRelationship("a", "props", {
        $relationshipName: "feeds",
        $targetId: "c",
        weight: "heavy",
        color: "red",
      }),
      400,
      "ValidationFailed",
      "Invalid relationship specified",
      [
        {
          code: "ValidationFailed",
          message: 'Invalid value at /weight: Expected a double (finite number) but found "heavy".',
        },
        { code: "ValidationFailed", message: "color does not appear on the DTDL for Relationship feeds." },
      ],
    );
  });

  it("enforces maxMultiplicity (replacing an existing relationship does not count it twice)", async () => {
    await putRich("m");
    expectJson(await putRelationship("m", "m1", { $relationshipName: "feeds", $targetId: "a" }), 200);
    expectJson(await putRelationship("m", "m2", { $relationshipName: "feeds", $targetId: "b" }), 200);
    expectError(
      await putRelationship("m", "m3", { $relationshipName: "feeds", $targetId: "c" }),
      400,
      "InvalidRelationship",
      "Twin m already has 2 feeds relationship(s); the model allows at most 2.",
    );
    expectJson(await putRelationship("m", "m2", { $relationshipName: "feeds", $targetId: "c" }), 200);
  });

  it("honours If-None-Match: * with ADT's message", async () => {
    const body = { $relationshipName: "anything", $targetId: "d" };
    expectJson(await putRelationship("c", "cond", body, { "if-none-match": "*" }), 200);
    expectError(
      await putRelationship("c", "cond", body, { "if-none-match": "*" }),
      412,
      "PreconditionFailed",
      "If-None-Match: * header was specified but a relationship with the id cond was found. Please specify a different relationship id.",
    );
    expectError(await putRelationship("c", "cond", body, { "if-none-match": "1" }), 400, "InvalidArgument");
  });

  it("replaces: same edge → Relationship.Update with the property difference; other target → Delete + Create", async () => {
    await putRelationship("b", "rep", { $relationshipName: "feeds", $targetId: "c", weight: 1 });
    let before = await lastSeq(t);
    const same = await putRelationship("b", "rep", { $relationshipName: "feeds", $targetId: "c", weight: 2 });
    expectJson(same, 200);
    let events = await eventsAfter(t, before);
    expect(events.map((e) => [e.type, e.event.data])).toEqual([
      [
        "Microsoft.DigitalTwins.Relationship.Update",
        { modelId: rich, patch: [{ value: 2, path: "/weight", op: "replace" }] },
      ],
    ]);
    before = await lastSeq(t);
    const moved = await putRelationship("b", "rep", { $relationshipName: "feeds", $targetId: "d" });
    expectJson(moved, 200);
    events = await eventsAfter(t, before);
    expect(events.map((e) => [e.type, e.event.data.$targetId])).toEqual([
      ["Microsoft.DigitalTwins.Relationship.Delete", "c"],
      ["Microsoft.DigitalTwins.Relationship.Create", "d"],
    ]);
    expect(
      (await t.request("GET", twinPath("c", "/incomingrelationships"))).body.value.map((r: any) => r.$relationshipId),
    ).not.toContain("rep");
  });

  it("answers 404 RelationshipNotFound / DigitalTwinNotFound on GET", async () => {
    expectError(
      await t.request("GET", relationshipPath("a", "foo")),
      404,
      "RelationshipNotFound",
      notFound("foo", "a"),
    );
    expectError(await t.request("GET", relationshipPath("nosuch", "foo")), 404, "DigitalTwinNotFound");
  });
});

describe("PATCH and DELETE /digitaltwins/{id}/relationships/{relationshipId}", () => {
  it("patches properties: 204 + ETag and a Relationship.Update event with the source's model", async () => {
    const created = await putRelationship("c", "pc", { $relationshipName: "feeds", $targetId: "d", weight: 1 });
    const before = await lastSeq(t);
    const res = await patch(t, relationshipPath("c", "pc"), [{ op: "replace", path: "/weight", value: 2 }], {
      "if-match": created.headers.get("etag")!,
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const etag = res.headers.get("etag")!;
    const get = await t.request("GET", relationshipPath("c", "pc"));
    expect(get.text).toBe(
      JSON.stringify({
        $relationshipId: "pc",
        $etag: etag,
        $sourceId: "c",
        $relationshipName: "feeds",
        $targetId: "d",
        weight: 2,
      }),
    );
    const events = await eventsAfter(t, before);
    expect(events.map((e) => [e.type, e.event.subject, e.event.data])).toEqual([
      [
        "Microsoft.DigitalTwins.Relationship.Update",
        "c/relationships/pc",
        { modelId: rich, patch: [{ value: 2, path: "/weight", op: "replace" }] },
      ],
    ]);
    expect((await patch(t, relationshipPath("c", "pc"), [{ op: "remove", path: "/weight" }])).status).toBe(204);
    expect((await t.request("GET", relationshipPath("c", "pc"))).body.weight).toBeUndefined();
  });

  it("answers ADT's JsonPatchInvalid messages and 412/404s", async () => {
    await putRelationship("c", "pe", { $relationshipName: "feeds", $targetId: "d", weight: 1 });
    const path = relationshipPath("c", "pe");
    expectError(
      await patch(t, path, [{ op: "move", path: "/weight" }]),
      400,
      "JsonPatchInvalid",
      `Unsupported operation type move. ${patchHelp}`,
    );
    expectError(
      await patch(t, path, [{ op: "remove", path: "/isAccessDoorRestricted" }]),
      400,
      "JsonPatchInvalid",
      `The target location specified by path segment 'isAccessDoorRestricted' was not found. ${patchHelp}`,
    );
    expectError(
      await patch(t, path, [{ isAccessRestricted: false }]),
      400,
      "JsonPatchInvalid",
      `Parameter op must not be empty. ${patchHelp}`,
    );
    expectError(await patch(t, path, [{}]), 400, "JsonPatchInvalid", `Parameter op must not be empty. ${patchHelp}`);
    expectError(await patch(t, path, [{ op: "add", path: "/color", value: "red" }]), 400, "JsonPatchInvalid");
    expectError(await patch(t, path, [{ op: "replace", path: "/$targetId", value: "a" }]), 400, "JsonPatchInvalid");
    expectError(await patch(t, path, [{ op: "replace", path: "/weight", value: "x" }]), 400, "ValidationFailed");
    expectError(
      await patch(t, path, [{ op: "replace", path: "/weight", value: 3 }], { "if-match": 'W/"stale"' }),
      412,
      "PreconditionFailed",
    );
    expectError(
      await patch(t, relationshipPath("c", "nope"), [{ op: "add", path: "/weight", value: 3 }]),
      404,
      "RelationshipNotFound",
      notFound("nope", "c"),
    );
    expectError(
      await patch(t, relationshipPath("nosuch", "nope"), [{ op: "add", path: "/weight", value: 3 }]),
      404,
      "DigitalTwinNotFound",
    );
    expect((await t.request("GET", path)).body.weight).toBe(1);
  });

  it("deletes: 204, then ADT's RelationshipNotFound; the event carries the last state", async () => {
    const created = await putRelationship("d", "del", { $relationshipName: "anything", $targetId: "a" });
    expectError(
      await t.request("DELETE", relationshipPath("d", "del"), { headers: { "if-match": 'W/"x"' } }),
      412,
      "PreconditionFailed",
    );
    expectError(
      await t.request("DELETE", relationshipPath("d", "del"), { headers: { "if-match": "XXX" } }),
      400,
      "InvalidArgument",
    );
    const before = await lastSeq(t);
    const res = await t.request("DELETE", relationshipPath("d", "del"), {
      headers: { "if-match": created.headers.get("etag")! },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const [event] = await eventsAfter(t, before);
    expect([event!.type, event!.event.subject, event!.event.data]).toEqual([
      "Microsoft.DigitalTwins.Relationship.Delete",
      "d/relationships/del",
      created.body,
    ]);
    expectError(
      await t.request("DELETE", relationshipPath("d", "del")),
      404,
      "RelationshipNotFound",
      notFound("del", "d"),
    );
    expectError(await t.request("DELETE", relationshipPath("nosuch", "del")), 404, "DigitalTwinNotFound");
  });
});

describe("GET /digitaltwins/{id}/relationships and /incomingrelationships", () => {
  beforeAll(async () => {
    await putRich("hub");
    for (const id of ["t0", "t1", "t2"]) await putRich(id);
    // 23 relationships, created out of order: listed by id.
    for (let i = 22; i >= 0; i--) {
      const name = i % 2 === 0 ? "anything" : "feeds";
      const target = i % 2 === 0 ? `t${i % 3}` : "t1";
      if (name === "feeds" && i > 3) continue;
      expectJson(
        await putRelationship("hub", `rel-${String(i).padStart(2, "0")}`, {
          $relationshipName: name,
          $targetId: target,
        }),
        200,
      );
    }
  });

  it("lists 10 per page ordered by id, with an absolute https nextLink the SDK follows", async () => {
    const first = await t.request("GET", twinPath("hub", "/relationships"));
    expectJson(first, 200);
    expect(Object.keys(first.body)).toEqual(["nextLink", "value"]);
    expect(first.body.value.map((r: any) => r.$relationshipId)).toEqual(
      ["00", "01", "02", "03", "04", "06", "08", "10", "12", "14"].map((n) => `rel-${n}`),
    );
    const next = new URL(first.body.nextLink);
    expect(next.origin).toBe(t.url);
    expect(next.pathname).toBe("/digitaltwins/hub/relationships");
    expect([...next.searchParams.keys()]).toEqual(["continuationToken", "api-version"]);
    expect(next.searchParams.get("api-version")).toBe("2023-10-31");
    const second = await t.request("GET", next.pathname + next.search);
    expect(second.body.value.map((r: any) => r.$relationshipId)).toEqual(
      ["16", "18", "20", "22"].map((n) => `rel-${n}`),
    );
    expect(second.body.nextLink).toBeNull();

    const all: string[] = [];
    for await (const relationship of t.client.listRelationships("hub")) all.push((relationship as any).$relationshipId);
    expect(all).toHaveLength(14);
    expect(all).toEqual([...all].sort());
  });

  it("filters by relationshipName, keeping the filter across pages", async () => {
    const res = await t.request("GET", twinPath("hub", "/relationships", `${api}&relationshipName=feeds`));
    expect(res.body).toEqual({
      nextLink: null,
      value: res.body.value,
    });
    expect(res.body.value.map((r: any) => r.$relationshipId)).toEqual(["rel-01", "rel-03"]);
    const names: string[] = [];
    for await (const relationship of t.client.listRelationships("hub", { relationshipName: "anything" } as never))
      names.push((relationship as any).$relationshipName);
    expect(names).toHaveLength(12);
    expect(new Set(names)).toEqual(new Set(["anything"]));
  });

  it("lists incoming relationships with absolute $relationshipLinks", async () => {
    const res = await t.request("GET", twinPath("t1", "/incomingrelationships"));
    expectJson(res, 200);
    expect(res.body).toEqual({
      nextLink: null,
      value: ["rel-01", "rel-03", "rel-04", "rel-10", "rel-16", "rel-22"].map((id) => ({
        $relationshipId: id,
        $sourceId: "hub",
        $relationshipName: id === "rel-01" || id === "rel-03" ? "feeds" : "anything",
        $relationshipLink: `${t.url}/digitaltwins/hub/relationships/${id}?api-version=2023-10-31`,
      })),
    });
    const empty = await t.request("GET", twinPath("hub", "/incomingrelationships"));
    expect(empty.text).toBe('{"nextLink":null,"value":[]}');
    const sdk: string[] = [];
    for await (const incoming of t.client.listIncomingRelationships("t1")) sdk.push(incoming.relationshipId!);
    expect(sdk).toHaveLength(6);
  });

  it("answers 404 for a missing twin and 400 for a forged continuation token", async () => {
    expectError(await t.request("GET", twinPath("nosuch", "/relationships")), 404, "DigitalTwinNotFound");
    expectError(await t.request("GET", twinPath("nosuch", "/incomingrelationships")), 404, "DigitalTwinNotFound");
    expectError(
      await t.request("GET", twinPath("hub", "/relationships", `${api}&continuationToken=garbage`)),
      400,
      "BadRequest",
    );
    const incomingToken = Buffer.from(JSON.stringify(["i", "a", "b"])).toString("base64url");
    expectError(
      await t.request("GET", twinPath("hub", "/relationships", `${api}&continuationToken=${incomingToken}`)),
      400,
      "BadRequest",
    );
  });
});

describe("a configured page size", () => {
  it("pages by relationshipPageSize through incoming and outgoing lists", async () => {
    const small = await startTestServer({ config: { graph: { relationshipPageSize: 2 } } });
    try {
      await uploadModels(small, richModels);
      for (const id of ["s", "x", "y", "z"]) {
        expectJson(await putTwin(small, id, { $metadata: { $model: rich }, panel: {} }), 200);
      }
      for (const [source, id] of [
        ["x", "1"],
        ["y", "2"],
        ["z", "3"],
        ["x", "4"],
        ["s", "5"],
        ["s", "6"],
        ["s", "7"],
      ]) {
        const target = source === "s" ? "x" : "s";
        const res = await small.request("PUT", `/digitaltwins/${source}/relationships/${id}?${api}`, {
          body: { $relationshipName: "anything", $targetId: target },
        });
        expectJson(res, 200);
      }
      const incoming: string[] = [];
      let pages = 0;
      for await (const page of small.client.listIncomingRelationships("s").byPage()) {
        pages++;
        incoming.push(...(page.value ?? []).map((r) => `${r.sourceId}/${r.relationshipId}`));
      }
      expect(incoming).toEqual(["x/1", "x/4", "y/2", "z/3"]);
      expect(pages).toBe(2);
      const outgoing: string[] = [];
      for await (const page of small.client.listRelationships("s").byPage()) {
        const value = page.value ?? [];
        expect(value.length).toBeLessThanOrEqual(2);
        outgoing.push(...value.map((r: any) => r.$relationshipId));
      }
      expect(outgoing).toEqual(["5", "6", "7"]);
    } finally {
      await small.close();
    }
  });
});
