import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphService } from "../../src/graph/graphService.js";
import type { CommitBatch, CommitResult, GraphRepository } from "../../src/store/ports/graphRepository.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { eventsAfter, expectJson, lastSeq, putTwin, richModels, twinPath, uploadModels } from "./support.js";

/** The write path answers only after the store committed, and a failed commit leaves no trace. */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await uploadModels(t, richModels);
  expectJson(await putTwin(t, "gated", { $metadata: { $model: "dtmi:test:Rich;1" }, panel: {}, count: 0 }), 200);
});
afterAll(async () => {
  await t.close();
});

const origin = { source: "test", traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01" };

/** The real repository, with commits held until released (or failed on demand). */
function gatedRepository(): {
  repository: GraphRepository;
  release(): void;
  fail(error: Error): void;
  held: () => number;
} {
  const store = t.server.services.store.graph;
  const waiting: { batch: CommitBatch; resolve: (r: Promise<CommitResult>) => void; reject: (e: Error) => void }[] = [];
  const repository = Object.create(store) as GraphRepository;
  repository.getTwin = (id) => store.getTwin(id);
  repository.getRelationship = (s, id) => store.getRelationship(s, id);
  repository.commit = (batch) => new Promise((resolve, reject) => waiting.push({ batch, resolve, reject }));
  return {
    repository,
    release: () => {
      for (const w of waiting.splice(0)) w.resolve(store.commit(w.batch));
    },
    fail: (error) => {
      for (const w of waiting.splice(0)) w.reject(error);
    },
    held: () => waiting.length,
  };
}

describe("the write path and the commit", () => {
  it("does not answer until the change and its event are committed", async () => {
    const gate = gatedRepository();
    const graph = new GraphService({ repository: gate.repository, models: t.server.services.models });
    const before = await lastSeq(t);
    let answered = false;
    const pending = graph.patchTwin(origin, "gated", [{ op: "replace", path: "/count", value: 1 }]).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(gate.held()).toBe(1);
    expect(answered).toBe(false);
    expect((await t.request("GET", twinPath("gated"))).body.count).toBe(0);
    expect(await eventsAfter(t, before)).toEqual([]);
    gate.release();
    const { etag } = await pending;
    const get = await t.request("GET", twinPath("gated"));
    expect([get.body.count, get.headers.get("etag")]).toEqual([1, etag]);
    expect((await eventsAfter(t, before)).map((e) => e.type)).toEqual(["Microsoft.DigitalTwins.Twin.Update"]);
  });

  it("fails the request, and the writes planned on top of it, when the commit fails", async () => {
    const gate = gatedRepository();
    const graph = new GraphService({ repository: gate.repository, models: t.server.services.models });
    const before = await lastSeq(t);
    const first = graph.patchTwin(origin, "gated", [{ op: "replace", path: "/count", value: 2 }]);
    const second = graph.patchTwin(origin, "gated", [{ op: "replace", path: "/count", value: 20 }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Both are in flight: the second was planned on the first's pending state.
    expect(gate.held()).toBe(2);
    gate.fail(new Error("disk full"));
    await expect(first).rejects.toThrow("disk full");
    await expect(second).rejects.toThrow("disk full");
    expect((await t.request("GET", twinPath("gated"))).body.count).toBe(1);
    expect(await eventsAfter(t, before)).toEqual([]);
    // The failed write left no pending state behind: the next one plans on the stored twin.
    const next = graph.patchTwin(origin, "gated", [{ op: "replace", path: "/count", value: 3 }]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    gate.release();
    await next;
    expect((await t.request("GET", twinPath("gated"))).body.count).toBe(3);
  });
});
