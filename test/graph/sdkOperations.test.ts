import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { etagPattern, eventsAfter, lastSeq, richModels, uploadModels } from "./support.js";

/** Every twin, component, relationship and telemetry operation of the official SDK, end to end over HTTPS. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await uploadModels(t, richModels);
});
afterAll(async () => {
  await t.close();
});

const rich = "dtmi:test:Rich;1";

async function rejection(promise: Promise<unknown>): Promise<{ statusCode: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { statusCode: number; code: string; message: string };
  }
  throw new Error("expected the SDK call to fail");
}

describe("the official SDK against Doppel", () => {
  it("twins: upsert, get, update, delete, with etags and conditions", async () => {
    const client = t.client;
    const created = await client.upsertDigitalTwin(
      "sdk-twin",
      JSON.stringify({ $metadata: { $model: rich }, panel: {}, name: "a" }),
      {
        ifNoneMatch: "*",
      },
    );
    expect(created.etag).toMatch(etagPattern);
    expect(created.body.$etag).toBe(created.etag);
    const conflict = await rejection(
      client.upsertDigitalTwin("sdk-twin", JSON.stringify({ $metadata: { $model: rich }, panel: {} }), {
        ifNoneMatch: "*",
      }),
    );
    expect([conflict.statusCode, conflict.code]).toEqual([412, "PreconditionFailed"]);
    const got = await client.getDigitalTwin("sdk-twin");
    expect(got.body).toEqual(created.body);
    expect(got.etag).toBe(created.etag);
    const updated = await client.updateDigitalTwin("sdk-twin", [{ op: "replace", path: "/name", value: "b" }], {
      ifMatch: created.etag,
    });
    expect(updated.etag).toMatch(etagPattern);
    expect(updated.etag).not.toBe(created.etag);
    const stale = await rejection(
      client.updateDigitalTwin("sdk-twin", [{ op: "replace", path: "/name", value: "c" }], { ifMatch: created.etag }),
    );
    expect([stale.statusCode, stale.code]).toEqual([412, "PreconditionFailed"]);
    expect((await client.getDigitalTwin("sdk-twin")).body.name).toBe("b");
    const invalidPatch = await rejection(
      client.updateDigitalTwin("sdk-twin", [{ op: "move", path: "/name", from: "/x" }]),
    );
    expect(invalidPatch.message).toContain("Unsupported operation type move");
    await client.deleteDigitalTwin("sdk-twin", { ifMatch: updated.etag });
    const missing = await rejection(client.getDigitalTwin("sdk-twin"));
    expect([missing.statusCode, missing.code]).toEqual([404, "DigitalTwinNotFound"]);
    expect(missing.message).toContain("There is no digital twin instance that exists with the ID");
  });

  it("components: get and update", async () => {
    const client = t.client;
    const created = await client.upsertDigitalTwin(
      "sdk-comp",
      JSON.stringify({ $metadata: { $model: rich }, panel: { level: 1 } }),
    );
    const component = await client.getComponent("sdk-comp", "panel");
    expect(component.etag).toBe(created.etag);
    expect(component.body).toEqual(created.body.panel);
    const updated = await client.updateComponent("sdk-comp", "panel", [{ op: "replace", path: "/level", value: 2 }], {
      ifMatch: created.etag,
    });
    expect(updated.etag).toMatch(etagPattern);
    expect((await client.getComponent("sdk-comp", "panel")).body.level).toBe(2);
    const missing = await rejection(client.getComponent("sdk-comp", "Component3"));
    expect([missing.statusCode, missing.code]).toEqual([404, "ComponentNotFound"]);
  });

  it("relationships: upsert, get, update, list, list incoming, delete", async () => {
    const client = t.client;
    for (const id of ["sdk-a", "sdk-b"])
      await client.upsertDigitalTwin(id, JSON.stringify({ $metadata: { $model: rich }, panel: {} }));
    const created = await client.upsertRelationship(
      "sdk-a",
      "r1",
      { $relationshipName: "feeds", $targetId: "sdk-b", weight: 1 },
      { ifNoneMatch: "*" },
    );
    expect(created.etag).toMatch(etagPattern);
    expect(created.body).toEqual({
      $relationshipId: "r1",
      $etag: created.etag,
      $sourceId: "sdk-a",
      $relationshipName: "feeds",
      $targetId: "sdk-b",
      weight: 1,
    });
    expect((await client.getRelationship("sdk-a", "r1")).body).toEqual(created.body);
    const updated = await client.updateRelationship("sdk-a", "r1", [{ op: "replace", path: "/weight", value: 2 }], {
      ifMatch: created.etag,
    });
    expect(updated.etag).toMatch(etagPattern);
    const listed: unknown[] = [];
    for await (const relationship of client.listRelationships("sdk-a")) listed.push(relationship);
    expect(listed).toEqual([{ ...created.body, $etag: updated.etag, weight: 2 }]);
    const incoming = [];
    for await (const relationship of client.listIncomingRelationships("sdk-b")) incoming.push(relationship);
    expect(incoming).toEqual([
      {
        relationshipId: "r1",
        sourceId: "sdk-a",
        relationshipName: "feeds",
        relationshipLink: `${t.url}/digitaltwins/sdk-a/relationships/r1?api-version=2022-05-31`,
      },
    ]);
    const blocked = await rejection(client.deleteDigitalTwin("sdk-b"));
    expect([blocked.statusCode, blocked.code]).toEqual([400, "RelationshipsNotDeleted"]);
    await client.deleteRelationship("sdk-a", "r1", { ifMatch: updated.etag });
    const gone = await rejection(client.getRelationship("sdk-a", "r1"));
    expect([gone.statusCode, gone.code]).toEqual([404, "RelationshipNotFound"]);
    await client.deleteDigitalTwin("sdk-b");
  });

  it("telemetry: twin and component", async () => {
    const client = t.client;
    await client.upsertDigitalTwin("sdk-tel", JSON.stringify({ $metadata: { $model: rich }, panel: {} }));
    const before = await lastSeq(t);
    await client.publishTelemetry("sdk-tel", { temp: 20 }, "tel-1");
    await client.publishComponentTelemetry("sdk-tel", "panel", JSON.stringify({ hum: 50 }), "tel-2");
    const events = await eventsAfter(t, before);
    expect(events.map((e) => [e.type, e.event.id, e.event.subject ?? null, e.event.dataschema, e.event.data])).toEqual([
      ["microsoft.iot.telemetry", "tel-1", null, rich, { temp: 20 }],
      ["microsoft.iot.telemetry", "tel-2", "panel", "dtmi:test:Panel;1", { hum: 50 }],
    ]);
    const missing = await rejection(client.publishTelemetry("nosuch", { temp: 1 }, "m"));
    expect([missing.statusCode, missing.code]).toEqual([404, "DigitalTwinNotFound"]);
  });
});
