import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommitBatch, StoredRelationship, StoredTwin } from "../../src/store/ports/graphRepository.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import type { Store } from "../../src/store/store.js";

let store: Store;
beforeEach(() => {
  store = createSqliteStore(":memory:");
});
afterEach(async () => {
  await store.close();
});

const twin = (id: string, etag = `W/"${id}-1"`): StoredTwin => ({
  id,
  modelId: "dtmi:m;1",
  etag,
  doc: `{"$dtId":"${id}"}`,
});
const relationship = (sourceId: string, id: string, targetId: string, etag = `W/"${id}"`): StoredRelationship => ({
  sourceId,
  id,
  name: "rel",
  targetId,
  etag,
  doc: `{"$relationshipId":"${id}"}`,
});
const event = (twinId: string, n: number) => ({ twinId, type: "T", event: `{"n":${n}}` });

function batch(parts: Partial<CommitBatch>): CommitBatch {
  return { writes: [], checks: [], events: [], ...parts };
}

describe("SqliteGraphRepository.commit", () => {
  it("writes rows and appends events in one transaction and reports the last seq", async () => {
    const result = await store.graph.commit(
      batch({
        writes: [{ op: "putTwin", twin: twin("a"), expect: { kind: "absent" } }],
        events: [event("a", 1), event("a", 2)],
      }),
    );
    expect(result).toEqual({ ok: true, seq: 2 });
    expect(await store.graph.getTwin("a")).toEqual(twin("a"));
    expect((await store.outbox.readAfter(0, 10)).map((r) => [r.seq, r.twinId, r.type, r.event])).toEqual([
      [1, "a", "T", '{"n":1}'],
      [2, "a", "T", '{"n":2}'],
    ]);
  });

  it("applies nothing of a batch whose precondition fails, and says which", async () => {
    await store.graph.commit(batch({ writes: [{ op: "putTwin", twin: twin("a"), expect: { kind: "absent" } }] }));
    const result = await store.graph.commit(
      batch({
        writes: [
          { op: "putTwin", twin: twin("b"), expect: { kind: "absent" } },
          { op: "putTwin", twin: twin("a", 'W/"a-2"'), expect: { kind: "etag", etag: 'W/"stale"' } },
        ],
        events: [event("a", 3)],
      }),
    );
    expect(result).toEqual({ ok: false, failed: { write: 1 } });
    expect(await store.graph.getTwin("b")).toBeUndefined();
    expect((await store.graph.getTwin("a"))?.etag).toBe('W/"a-1"');
    expect(await store.outbox.readAfter(0, 10)).toEqual([]);
  });

  it("groups concurrent commits into one transaction yet isolates a failing batch", async () => {
    const results = await Promise.all([
      store.graph.commit(
        batch({ writes: [{ op: "putTwin", twin: twin("x"), expect: { kind: "absent" } }], events: [event("x", 1)] }),
      ),
      // Same twin, must-not-exist: the first batch of the group wins.
      store.graph.commit(
        batch({
          writes: [{ op: "putTwin", twin: twin("x", 'W/"x-b"'), expect: { kind: "absent" } }],
          events: [event("x", 2)],
        }),
      ),
      store.graph.commit(
        batch({ writes: [{ op: "putTwin", twin: twin("y"), expect: { kind: "absent" } }], events: [event("y", 3)] }),
      ),
    ]);
    expect(results).toEqual([
      { ok: true, seq: 1 },
      { ok: false, failed: { write: 0 } },
      { ok: true, seq: 2 },
    ]);
    expect((await store.graph.getTwin("x"))?.etag).toBe('W/"x-1"');
    // The rolled-back batch's event never existed for any reader.
    expect((await store.outbox.readAfter(0, 10)).map((r) => r.event)).toEqual(['{"n":1}', '{"n":3}']);
  });

  it("compares and swaps on the etag, whether or not the write changes the model", async () => {
    await store.graph.commit(batch({ writes: [{ op: "putTwin", twin: twin("a"), expect: { kind: "absent" } }] }));
    const put = (etag: string, expected: string, modelId: string) =>
      store.graph.commit(
        batch({
          writes: [{ op: "putTwin", twin: { ...twin("a", etag), modelId }, expect: { kind: "etag", etag: expected } }],
        }),
      );
    expect(await put('W/"a-2"', 'W/"a-1"', "dtmi:m;1")).toEqual({ ok: true, seq: 0 });
    expect(await put('W/"a-3"', 'W/"a-2"', "dtmi:other;1")).toEqual({ ok: true, seq: 0 });
    expect(await store.graph.getTwin("a")).toEqual({ ...twin("a", 'W/"a-3"'), modelId: "dtmi:other;1" });
    expect(await put('W/"a-4"', 'W/"a-2"', "dtmi:m;1")).toEqual({ ok: false, failed: { write: 0 } });
    expect(await put('W/"a-4"', 'W/"a-2"', "dtmi:other;1")).toEqual({ ok: false, failed: { write: 0 } });
    expect(await store.graph.getTwin("a")).toEqual({ ...twin("a", 'W/"a-3"'), modelId: "dtmi:other;1" });
  });

  it("evaluates checks after the batch's writes", async () => {
    await store.graph.commit(
      batch({
        writes: [
          { op: "putTwin", twin: twin("s"), expect: { kind: "absent" } },
          { op: "putTwin", twin: twin("t"), expect: { kind: "absent" } },
          { op: "putRelationship", relationship: relationship("s", "r1", "t"), expect: { kind: "absent" } },
        ],
      }),
    );
    const blocked = await store.graph.commit(
      batch({
        writes: [{ op: "deleteTwin", id: "t", expect: { kind: "present" } }],
        checks: [{ check: "noRelationships", twinId: "t" }],
      }),
    );
    expect(blocked).toEqual({ ok: false, failed: { check: 0 } });
    expect(await store.graph.getTwin("t")).toBeDefined();
    const cascaded = await store.graph.commit(
      batch({
        writes: [
          { op: "deleteRelationship", sourceId: "s", id: "r1", expect: { kind: "etag", etag: 'W/"r1"' } },
          { op: "deleteTwin", id: "t", expect: { kind: "present" } },
        ],
        checks: [
          { check: "noRelationships", twinId: "t" },
          { check: "twinExists", id: "s", modelId: "dtmi:m;1" },
        ],
      }),
    );
    expect(cascaded).toEqual({ ok: true, seq: 0 });
    expect(
      await store.graph.commit(batch({ checks: [{ check: "twinExists", id: "s", modelId: "dtmi:other;1" }] })),
    ).toEqual({ ok: false, failed: { check: 0 } });
    expect(
      await store.graph.commit(
        batch({
          writes: [
            { op: "putTwin", twin: twin("u"), expect: { kind: "absent" } },
            { op: "putRelationship", relationship: relationship("s", "r2", "u"), expect: { kind: "absent" } },
            { op: "putRelationship", relationship: relationship("s", "r3", "u"), expect: { kind: "absent" } },
          ],
          checks: [{ check: "relationshipCountAtMost", sourceId: "s", name: "rel", max: 1 }],
        }),
      ),
    ).toEqual({ ok: false, failed: { check: 0 } });
    expect(await store.graph.getTwin("u")).toBeUndefined();
  });
});

describe("SqliteGraphRepository reads", () => {
  beforeEach(async () => {
    const writes: CommitBatch["writes"][number][] = ["a", "b", "c"].map((id) => ({
      op: "putTwin",
      twin: twin(id),
      expect: { kind: "absent" },
    }));
    for (const [source, id, target] of [
      ["a", "r2", "b"],
      ["a", "r1", "c"],
      ["b", "r1", "c"],
      ["c", "r9", "a"],
    ] as const) {
      writes.push({
        op: "putRelationship",
        relationship: relationship(source, id, target),
        expect: { kind: "absent" },
      });
    }
    await store.graph.commit(batch({ writes }));
  });

  it("pages outgoing by id and incoming by (source, id)", async () => {
    expect((await store.graph.listRelationships("a", { limit: 10 })).map((r) => r.id)).toEqual(["r1", "r2"]);
    expect((await store.graph.listRelationships("a", { limit: 10, afterId: "r1" })).map((r) => r.id)).toEqual(["r2"]);
    expect((await store.graph.listRelationships("a", { limit: 10, name: "other" })).map((r) => r.id)).toEqual([]);
    expect((await store.graph.listIncoming("c", { limit: 10 })).map((r) => `${r.sourceId}/${r.id}`)).toEqual([
      "a/r1",
      "b/r1",
    ]);
    expect(
      (await store.graph.listIncoming("c", { limit: 10, after: { sourceId: "a", id: "r1" } })).map(
        (r) => `${r.sourceId}/${r.id}`,
      ),
    ).toEqual(["b/r1"]);
    expect((await store.graph.relationshipsOf("a")).map((r) => `${r.sourceId}/${r.id}`)).toEqual([
      "a/r1",
      "a/r2",
      "c/r9",
    ]);
    expect(await store.graph.hasRelationships("b")).toBe(true);
    expect(await store.graph.countRelationships("a", "rel")).toBe(2);
  });
});

describe("SqliteOutboxRepository", () => {
  it("reads after a seq, trims, keeps the high-water mark and tells listeners after commit", async () => {
    const seen: number[] = [];
    const unsubscribe = store.outbox.onAppend((seq) => seen.push(seq));
    await store.graph.commit(batch({ events: [event("a", 1), event("a", 2)] }));
    await Promise.all([
      store.graph.commit(batch({ events: [event("b", 3)] })),
      store.graph.commit(batch({ events: [event("c", 4)] })),
    ]);
    expect(seen).toEqual([2, 4]);
    expect((await store.outbox.readAfter(1, 2)).map((r) => r.seq)).toEqual([2, 3]);
    expect(await store.outbox.trim(3)).toBe(3);
    expect((await store.outbox.readAfter(0, 10)).map((r) => r.seq)).toEqual([4]);
    await store.outbox.trim(4);
    expect(await store.outbox.lastSeq()).toBe(4);
    unsubscribe();
    await store.graph.commit(batch({ events: [event("d", 5)] }));
    expect(seen).toEqual([2, 4]);
    expect((await store.outbox.readAfter(0, 10)).map((r) => r.seq)).toEqual([5]);
    const [record] = await store.outbox.readAfter(0, 1);
    expect(record!.createdAt).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("group commit on a file (FULL, WAL synced off the event loop)", () => {
  it("answers after the WAL is synced, keeps the connection at FULL for other writers, and recovers", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "doppel-walsync-"));
    const file = join(dir, "doppel.db");
    try {
      const fileStore = createSqliteStore(file);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fileStore.graph.commit(
            batch({
              writes: [{ op: "putTwin", twin: twin(`f${i}`), expect: { kind: "absent" } }],
              events: [event(`f${i}`, i)],
            }),
          ),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const { default: Database } = await import("better-sqlite3");
      // The same connection is back at FULL (2) between group commits.
      const probe = (fileStore.graph as unknown as { db: InstanceType<typeof Database> }).db;
      expect(probe.pragma("synchronous", { simple: true })).toBe(2);
      await fileStore.close();
      const reopened = createSqliteStore(file);
      expect((await reopened.outbox.readAfter(0, 100)).length).toBe(50);
      expect(await reopened.graph.getTwin("f49")).toEqual(twin("f49"));
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
