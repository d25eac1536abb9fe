import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphService } from "../../src/graph/graphService.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import {
  eventsAfter,
  expectJson,
  lastSeq,
  patch,
  putTwin,
  richModels,
  secondWritePath,
  twinPath,
  uploadModels,
} from "./support.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await uploadModels(t, richModels);
});
afterAll(async () => {
  await t.close();
});

const rich = "dtmi:test:Rich;1";
const origin = { source: "test", traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01" };

const otherNode = (): GraphService => secondWritePath(t);

describe("concurrent writes to one twin", () => {
  it("gives exactly one winner among conditional PATCHes carrying the same etag", async () => {
    const created = await putTwin(t, "race-patch", { $metadata: { $model: rich }, panel: {}, count: 0 });
    const etag = created.headers.get("etag")!;
    const before = await lastSeq(t);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        patch(t, twinPath("race-patch"), [{ op: "replace", path: "/count", value: i + 1 }], { "if-match": etag }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 204)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(23);
    const winner = results.find((r) => r.status === 204)!;
    const events = await eventsAfter(t, before);
    expect(events).toHaveLength(1);
    const get = await t.request("GET", twinPath("race-patch"));
    expect(get.headers.get("etag")).toBe(winner.headers.get("etag"));
    expect(events[0]!.event.data.patch[0].value).toBe(get.body.count);
  });

  it("gives exactly one winner among creates with If-None-Match: *", async () => {
    const before = await lastSeq(t);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        putTwin(t, "race-create", { $metadata: { $model: rich }, panel: {}, count: i }, { "if-none-match": "*" }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(15);
    expect((await eventsAfter(t, before)).map((e) => e.type)).toEqual(["Microsoft.DigitalTwins.Twin.Create"]);
  });

  it("serialises unconditional writes: every one applies, each with its event, in commit order", async () => {
    expectJson(await putTwin(t, "serial", { $metadata: { $model: rich }, panel: {}, tags: {} }), 200);
    const before = await lastSeq(t);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        patch(t, twinPath("serial"), [{ op: "add", path: `/tags/k${i}`, value: String(i) }]),
      ),
    );
    expect(results.every((r) => r.status === 204)).toBe(true);
    const etags = new Set(results.map((r) => r.headers.get("etag")));
    expect(etags.size).toBe(60);
    const get = await t.request("GET", twinPath("serial"));
    expect(Object.keys(get.body.tags)).toHaveLength(60);
    const events = await eventsAfter(t, before);
    expect(events).toHaveLength(60);
    const times = events.map((e) => e.event.time);
    expect([...times].sort()).toEqual(times);
  });
});

describe("pipelined writes to one twin", () => {
  it("plans each write on the pending one; a refused write in the middle leaves the others intact", async () => {
    expectJson(await putTwin(t, "pipe", { $metadata: { $model: rich }, panel: {}, count: 0 }), 200);
    const before = await lastSeq(t);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        patch(t, twinPath("pipe"), [{ op: "replace", path: "/count", value: i === 15 ? "bad" : i + 1 }]),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 30 }, (_, i) => (i === 15 ? 400 : 204)));
    const values = (await eventsAfter(t, before)).map((e) => e.event.data.patch[0].value as number);
    // Requests race to the server, so their order is the arrival order; the last event is the state.
    expect([...values].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1).filter((v) => v !== 16),
    );
    expect((await t.request("GET", twinPath("pipe"))).body.count).toBe(values.at(-1));
  });

  it("re-plans the whole pipeline when its first commit loses, in order", async () => {
    expectJson(await putTwin(t, "flaky", { $metadata: { $model: rich }, panel: {}, tags: {} }), 200);
    const store = t.server.services.store.graph;
    let refusals = 1;
    const flaky = {
      ...Object.fromEntries(
        [
          "getTwin",
          "getRelationship",
          "listRelationships",
          "listIncoming",
          "relationshipsOf",
          "hasRelationships",
          "countRelationships",
        ].map((name) => [name, (store as any)[name].bind(store)]),
      ),
      commit: (batch: any) =>
        refusals-- > 0 ? Promise.resolve({ ok: false, failed: { write: 0 } }) : store.commit(batch),
    } as typeof store;
    const node = new GraphService({ repository: flaky, models: t.server.services.models });
    const before = await lastSeq(t);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        node.patchTwin(origin, "flaky", [{ op: "add", path: `/tags/k${i}`, value: "v" }]),
      ),
    );
    const get = await t.request("GET", twinPath("flaky"));
    expect(Object.keys(get.body.tags).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
    expect(await eventsAfter(t, before)).toHaveLength(10);
  });
});

describe("two write paths over one store (as two nodes would be)", () => {
  it("lets the store's compare-and-swap pick one winner per etag", async () => {
    const created = await putTwin(t, "nodes-cas", { $metadata: { $model: rich }, panel: {}, count: 0 });
    const etag = created.headers.get("etag")!;
    const nodes = [t.server.services.graph, otherNode(), otherNode()];
    const { parseIfMatch } = await import("../../src/graph/etag.js");
    const attempts = Array.from({ length: 30 }, (_, i) =>
      nodes[i % 3]!.patchTwin(origin, "nodes-cas", [{ op: "replace", path: "/count", value: i }], {
        ifMatch: parseIfMatch(etag),
      }).then(
        () => "won",
        (error: { code?: string }) => error.code,
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "PreconditionFailed")).toHaveLength(29);
  });

  it("re-plans unconditional writes that lost the race, so none is lost", async () => {
    expectJson(await putTwin(t, "nodes-merge", { $metadata: { $model: rich }, panel: {}, tags: {} }), 200);
    const before = await lastSeq(t);
    const nodes = [t.server.services.graph, otherNode(), otherNode(), otherNode()];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        nodes[i % 4]!.patchTwin(origin, "nodes-merge", [{ op: "add", path: `/tags/n${i}`, value: "x" }]),
      ),
    );
    const get = await t.request("GET", twinPath("nodes-merge"));
    expect(Object.keys(get.body.tags).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `n${i}`).sort());
    expect(await eventsAfter(t, before)).toHaveLength(40);
  });

  it("never leaves a relationship to a twin deleted concurrently", async () => {
    for (let round = 0; round < 10; round++) {
      const source = `src-${round}`;
      const target = `dst-${round}`;
      expectJson(await putTwin(t, source, { $metadata: { $model: rich }, panel: {} }), 200);
      expectJson(await putTwin(t, target, { $metadata: { $model: rich }, panel: {} }), 200);
      const [created, deleted] = await Promise.allSettled([
        otherNode().putRelationship(origin, source, "r", { $relationshipName: "anything", $targetId: target }),
        t.server.services.graph.deleteTwin(origin, target),
      ]);
      const relationship = await t.server.services.store.graph.getRelationship(source, "r");
      const targetRow = await t.server.services.store.graph.getTwin(target);
      // Either the relationship exists and so does its target, or neither the relationship does.
      if (relationship !== undefined) expect(targetRow).toBeDefined();
      expect(created.status === "fulfilled" && deleted.status === "fulfilled").toBe(false);
    }
  });
});
