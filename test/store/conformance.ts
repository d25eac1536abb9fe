import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PostgresCompiler } from "../../src/query/compile/postgres.js";
import { SqliteCompiler } from "../../src/query/compile/sqlite.js";
import { createQueryService } from "../../src/query/createQueryService.js";
import type { NewAuditEntry, StoredApiKey, StoredRole } from "../../src/store/ports/authStore.js";
import type { CommitBatch, StoredRelationship, StoredTwin } from "../../src/store/ports/graphRepository.js";
import type { NewModel } from "../../src/store/ports/modelRepository.js";
import { QueryTimeoutError } from "../../src/store/ports/queryRunner.js";
import type { Store } from "../../src/store/store.js";
import { queryAll, queryExpectations, seedQueryGraph } from "./queryCases.js";

/**
 * The store conformance suite: every adapter (SQLite, PostgreSQL) must pass it unchanged. It
 * speaks only through the ports, so what it asserts is the contract the core relies on.
 */
export interface StoreUnderTest {
  /** A store without data (possibly the previous one, emptied). */
  fresh(): Promise<Store>;
  /** Releases everything `fresh` opened. */
  done(): Promise<void>;
}

const twin = (id: string, etag = `W/"${id}-1"`, modelId = "dtmi:m;1"): StoredTwin => ({
  id,
  modelId,
  etag,
  doc: JSON.stringify({ $dtId: id, $etag: etag, $metadata: { $model: modelId } }),
});
const relationship = (
  sourceId: string,
  id: string,
  targetId: string,
  name = "rel",
  etag = `W/"${id}-1"`,
): StoredRelationship => ({
  sourceId,
  id,
  name,
  targetId,
  etag,
  doc: JSON.stringify({
    $relationshipId: id,
    $etag: etag,
    $sourceId: sourceId,
    $relationshipName: name,
    $targetId: targetId,
  }),
});
const event = (twinId: string, n: number) => ({ twinId, type: "T", event: `{"n":${n}}` });
const batch = (parts: Partial<CommitBatch>): CommitBatch => ({ writes: [], checks: [], events: [], ...parts });
const model = (id: string, refs: string[] = [], ancestors: { id: string; depth: number }[] = []): NewModel => ({
  id,
  definition: { "@id": id, "@type": "Interface", "@context": "dtmi:dtdl:context;3", contents: [] },
  displayName: { en: `name of ${id}` },
  description: {},
  uploadTime: "2025-01-01T00:00:00.0000000Z",
  refs,
  ancestors,
});

export function describeStoreConformance(label: string, target: StoreUnderTest): void {
  let store: Store;
  beforeEach(async () => {
    store = await target.fresh();
  });
  afterAll(() => target.done());

  const put = (...twins: StoredTwin[]) =>
    store.graph.commit(
      batch({ writes: twins.map((t) => ({ op: "putTwin" as const, twin: t, expect: { kind: "any" as const } })) }),
    );
  const relate = (...relationships: StoredRelationship[]) =>
    store.graph.commit(
      batch({
        writes: relationships.map((r) => ({
          op: "putRelationship" as const,
          relationship: r,
          expect: { kind: "any" as const },
        })),
      }),
    );

  describe(`${label}: models`, () => {
    it("inserts models with their refs and answers them in upload order", async () => {
      const result = await store.models.insert([
        model("dtmi:a;1"),
        model("dtmi:b;1", ["dtmi:a;1"], [{ id: "dtmi:a;1", depth: 1 }]),
      ]);
      expect(result.ok).toBe(true);
      const stored = result.ok ? result.models : [];
      expect(stored.map((m) => [m.id, m.refs, m.decommissioned])).toEqual([
        ["dtmi:a;1", [], false],
        ["dtmi:b;1", ["dtmi:a;1"], false],
      ]);
      expect(stored[1]!.seq).toBeGreaterThan(stored[0]!.seq);
      const all = await store.models.all();
      expect(all).toEqual(stored);
      expect(all[0]!.definition).toEqual(model("dtmi:a;1").definition);
      expect(all[0]!.displayName).toEqual({ en: "name of dtmi:a;1" });
    });

    it("keeps the uploaded document exactly, key order included", async () => {
      const definition = {
        "@type": "Interface",
        "@id": "dtmi:k;1",
        z: 1,
        a: [3, 2, 1],
        "@context": "dtmi:dtdl:context;3",
      };
      await store.models.insert([{ ...model("dtmi:k;1"), definition }]);
      const [stored] = await store.models.all();
      expect(JSON.stringify(stored!.definition)).toBe(JSON.stringify(definition));
    });

    it("inserts nothing when any id exists, and names the existing ids in input order", async () => {
      await store.models.insert([model("dtmi:a;1"), model("dtmi:c;1")]);
      const result = await store.models.insert([model("dtmi:new;1"), model("dtmi:c;1"), model("dtmi:a;1")]);
      expect(result).toEqual({ ok: false, conflicts: ["dtmi:c;1", "dtmi:a;1"] });
      expect((await store.models.all()).map((m) => m.id)).toEqual(["dtmi:a;1", "dtmi:c;1"]);
    });

    it("decommissions idempotently and answers false for an unknown model", async () => {
      await store.models.insert([model("dtmi:a;1")]);
      expect(await store.models.decommission("dtmi:a;1")).toBe(true);
      expect(await store.models.decommission("dtmi:a;1")).toBe(true);
      expect(await store.models.decommission("dtmi:none;1")).toBe(false);
      expect((await store.models.all())[0]!.decommissioned).toBe(true);
    });

    it("deletes a model with its ancestry unless another model references it", async () => {
      await store.models.insert([model("dtmi:a;1"), model("dtmi:b;1", ["dtmi:a;1"], [{ id: "dtmi:a;1", depth: 1 }])]);
      await store.models.insert([model("dtmi:c;1", ["dtmi:a;1"], [{ id: "dtmi:a;1", depth: 1 }])]);
      expect(await store.models.delete("dtmi:a;1")).toEqual({
        outcome: "referenced",
        referencedBy: ["dtmi:b;1", "dtmi:c;1"],
      });
      expect(await store.models.delete("dtmi:none;1")).toEqual({ outcome: "notFound" });
      expect(await store.auth.modelExtendsAny("dtmi:b;1", ["dtmi:a;1"])).toBe(true);
      expect(await store.models.delete("dtmi:b;1")).toEqual({ outcome: "deleted" });
      expect(await store.auth.modelExtendsAny("dtmi:b;1", ["dtmi:a;1", "dtmi:b;1"])).toBe(false);
      expect(await store.models.delete("dtmi:c;1")).toEqual({ outcome: "deleted" });
      expect(await store.models.delete("dtmi:a;1")).toEqual({ outcome: "deleted" });
      expect(await store.models.all()).toEqual([]);
    });
  });

  describe(`${label}: graph writes`, () => {
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

    it("answers seq 0 for a batch without events", async () => {
      expect(await put(twin("a"))).toEqual({ ok: true, seq: 0 });
    });

    it("keeps documents byte for byte, escapes and unusual characters included", async () => {
      const doc = '{"$dtId":"a","s":"\\u0000 \\ud800 é 😀 \\"q\\"","n":1.50,"big":12345678901234567890}';
      await put({ ...twin("a"), doc });
      expect((await store.graph.getTwin("a"))?.doc).toBe(doc);
    });

    it("applies nothing of a batch whose precondition fails, and says which", async () => {
      await put(twin("a"));
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

    it.each([
      ["absent", { kind: "absent" }, [false, true]],
      ["present", { kind: "present" }, [true, false]],
      ["matching etag", { kind: "etag", etag: 'W/"x-1"' }, [true, false]],
      ["other etag", { kind: "etag", etag: 'W/"x-9"' }, [false, false]],
      ["any", { kind: "any" }, [true, true]],
    ] as const)("checks the %s precondition of every kind of write", async (_, expect_, [whenPresent, whenAbsent]) => {
      await put(twin("s"), twin("t"));
      const writes = [
        { op: "putTwin", twin: twin("x", 'W/"x-2"'), expect: expect_ },
        { op: "deleteTwin", id: "x", expect: expect_ },
        { op: "putRelationship", relationship: relationship("s", "x", "t", "rel", 'W/"x-2"'), expect: expect_ },
        { op: "deleteRelationship", sourceId: "s", id: "x", expect: expect_ },
      ] as const;
      for (const write of writes) {
        await put(twin("x"));
        await relate(relationship("s", "x", "t", "rel", 'W/"x-1"'));
        expect((await store.graph.commit(batch({ writes: [write] }))).ok, `${write.op} on a present row`).toBe(
          whenPresent,
        );
      }
      await store.graph.commit(
        batch({
          writes: [
            { op: "deleteTwin", id: "x", expect: { kind: "any" } },
            { op: "deleteRelationship", sourceId: "s", id: "x", expect: { kind: "any" } },
          ],
        }),
      );
      const absent = [
        { op: "putTwin", twin: twin("y", 'W/"x-2"'), expect: expect_ },
        { op: "deleteTwin", id: "y", expect: expect_ },
        { op: "putRelationship", relationship: relationship("s", "y", "t", "rel", 'W/"x-2"'), expect: expect_ },
        { op: "deleteRelationship", sourceId: "s", id: "z", expect: expect_ },
      ] as const;
      for (const write of absent) {
        const result = await store.graph.commit(batch({ writes: [write] }));
        expect(result.ok, `${write.op} on an absent row`).toBe(whenAbsent);
        // Leave the row absent for the next write.
        if (result.ok && write.op === "putTwin")
          await store.graph.commit(batch({ writes: [{ op: "deleteTwin", id: "y", expect: { kind: "any" } }] }));
        if (result.ok && write.op === "putRelationship") {
          await store.graph.commit(
            batch({ writes: [{ op: "deleteRelationship", sourceId: "s", id: "y", expect: { kind: "any" } }] }),
          );
        }
      }
    });

    it("evaluates checks after the batch's writes, in order, and reports the first that fails", async () => {
      await put(twin("s"), twin("t"));
      await relate(relationship("s", "r1", "t"));
      const blocked = await store.graph.commit(
        batch({
          writes: [{ op: "deleteTwin", id: "t", expect: { kind: "present" } }],
          checks: [
            { check: "twinExists", id: "s" },
            { check: "noRelationships", twinId: "t" },
          ],
          events: [event("t", 1)],
        }),
      );
      expect(blocked).toEqual({ ok: false, failed: { check: 1 } });
      expect(await store.graph.getTwin("t")).toBeDefined();
      const cascaded = await store.graph.commit(
        batch({
          writes: [
            { op: "deleteRelationship", sourceId: "s", id: "r1", expect: { kind: "etag", etag: 'W/"r1-1"' } },
            { op: "deleteTwin", id: "t", expect: { kind: "present" } },
          ],
          checks: [
            { check: "noRelationships", twinId: "t" },
            { check: "twinExists", id: "s", modelId: "dtmi:m;1" },
          ],
          events: [event("t", 2)],
        }),
      );
      expect(cascaded).toEqual({ ok: true, seq: 1 });
      expect(await store.graph.getTwin("t")).toBeUndefined();
      expect(
        await store.graph.commit(batch({ checks: [{ check: "twinExists", id: "s", modelId: "dtmi:other;1" }] })),
      ).toEqual({
        ok: false,
        failed: { check: 0 },
      });
      expect(await store.graph.commit(batch({ checks: [{ check: "twinExists", id: "t" }] }))).toEqual({
        ok: false,
        failed: { check: 0 },
      });
    });

    it("checks a relationship count after the writes", async () => {
      await put(twin("s"), twin("t"));
      const add = (id: string) =>
        store.graph.commit(
          batch({
            writes: [
              { op: "putRelationship", relationship: relationship("s", id, "t", "has"), expect: { kind: "absent" } },
            ],
            checks: [{ check: "relationshipCountAtMost", sourceId: "s", name: "has", max: 2 }],
          }),
        );
      expect((await add("r1")).ok).toBe(true);
      expect((await add("r2")).ok).toBe(true);
      expect(await add("r3")).toEqual({ ok: false, failed: { check: 0 } });
      expect(await store.graph.countRelationships("s", "has")).toBe(2);
    });

    it("lets exactly one of many concurrent conditional writes of a twin win", async () => {
      await put(twin("hot", 'W/"v0"'));
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.graph.commit(
            batch({
              writes: [{ op: "putTwin", twin: twin("hot", `W/"v${i + 1}"`), expect: { kind: "etag", etag: 'W/"v0"' } }],
              events: [event("hot", i)],
            }),
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && "write" in r.failed && r.failed.write === 0)).toBe(
        true,
      );
      expect(await store.outbox.readAfter(0, 100)).toHaveLength(1);
    });

    it("creates a twin once when many try at the same time", async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.graph.commit(
            batch({ writes: [{ op: "putTwin", twin: twin("new", `W/"${i}"`), expect: { kind: "absent" } }] }),
          ),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });
  });

  describe(`${label}: graph reads`, () => {
    beforeEach(async () => {
      await put(twin("s"), twin("t"), twin("u"), twin("v"));
      await relate(
        relationship("s", "b", "t", "near"),
        relationship("s", "a", "t", "has"),
        relationship("s", "c", "u", "has"),
        relationship("u", "a", "t", "has"),
        relationship("t", "x", "s", "back"),
      );
    });

    it("gets relationships and pages outgoing ones by id, optionally of one name", async () => {
      expect(await store.graph.getRelationship("s", "a")).toEqual(relationship("s", "a", "t", "has"));
      expect(await store.graph.getRelationship("s", "zz")).toBeUndefined();
      const ids = async (page: Parameters<Store["graph"]["listRelationships"]>[1]) =>
        (await store.graph.listRelationships("s", page)).map((r) => r.id);
      expect(await ids({ limit: 2 })).toEqual(["a", "b"]);
      expect(await ids({ limit: 2, afterId: "b" })).toEqual(["c"]);
      expect(await ids({ limit: 10, name: "has" })).toEqual(["a", "c"]);
      expect(await ids({ limit: 10, name: "has", afterId: "a" })).toEqual(["c"]);
      expect(await ids({ limit: 10, name: "none" })).toEqual([]);
    });

    it("pages incoming relationships by (source id, id)", async () => {
      expect(await store.graph.listIncoming("t", { limit: 2 })).toEqual([
        { sourceId: "s", id: "a", name: "has" },
        { sourceId: "s", id: "b", name: "near" },
      ]);
      expect(await store.graph.listIncoming("t", { limit: 2, after: { sourceId: "s", id: "b" } })).toEqual([
        { sourceId: "u", id: "a", name: "has" },
      ]);
      expect(await store.graph.listIncoming("v", { limit: 2 })).toEqual([]);
    });

    it("lists every relationship of a twin, outgoing first, and counts them", async () => {
      expect((await store.graph.relationshipsOf("s")).map((r) => `${r.sourceId}/${r.id}`)).toEqual([
        "s/a",
        "s/b",
        "s/c",
        "t/x",
      ]);
      expect(await store.graph.hasRelationships("s")).toBe(true);
      expect(await store.graph.hasRelationships("u")).toBe(true);
      expect(await store.graph.hasRelationships("v")).toBe(false);
      expect(await store.graph.countRelationships("s", "has")).toBe(2);
      expect(await store.graph.countRelationships("v", "has")).toBe(0);
    });

    it("orders ids by code point", async () => {
      await relate(
        relationship("v", "é", "t"),
        relationship("v", "Z", "t"),
        relationship("v", "a", "t"),
        relationship("v", "😀", "t"),
      );
      expect((await store.graph.listRelationships("v", { limit: 10 })).map((r) => r.id)).toEqual(["Z", "a", "é", "😀"]);
    });
  });

  describe(`${label}: outbox`, () => {
    it("pages by seq, keeps the last seq across a trim, and never reuses one", async () => {
      for (let i = 1; i <= 5; i++) await store.graph.commit(batch({ events: [event("a", i)] }));
      expect((await store.outbox.readAfter(1, 2)).map((r) => r.seq)).toEqual([2, 3]);
      expect(await store.outbox.lastSeq()).toBe(5);
      expect(await store.outbox.trim(3)).toBe(3);
      expect((await store.outbox.readAfter(0, 10)).map((r) => r.seq)).toEqual([4, 5]);
      expect(await store.outbox.trim(5)).toBe(2);
      expect(await store.outbox.lastSeq()).toBe(5);
      expect(await store.graph.commit(batch({ events: [event("a", 6)] }))).toEqual({ ok: true, seq: 6 });
      const [row] = await store.outbox.readAfter(0, 10);
      expect(row).toMatchObject({ seq: 6, twinId: "a", type: "T", event: '{"n":6}' });
      expect(Math.abs(row!.createdAt - Date.now())).toBeLessThan(60_000);
    });

    it("tells listeners of each commit that appended events", async () => {
      const seen: number[] = [];
      const unsubscribe = store.outbox.onAppend((seq) => seen.push(seq));
      await put(twin("a"));
      await store.graph.commit(batch({ events: [event("a", 1), event("a", 2)] }));
      unsubscribe();
      await store.graph.commit(batch({ events: [event("a", 3)] }));
      expect(seen).toEqual([2]);
    });

    it("reads every event of concurrent commits exactly once, in seq order", async () => {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          store.graph.commit(batch({ events: [event(`t${i % 5}`, i), event(`t${i % 5}`, i + 100)] })),
        ),
      );
      const seqs: number[] = [];
      let after = 0;
      for (;;) {
        const rows = await store.outbox.readAfter(after, 7);
        if (rows.length === 0) break;
        seqs.push(...rows.map((r) => r.seq));
        after = rows[rows.length - 1]!.seq;
      }
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(80);
      expect(Math.max(...seqs)).toBe(Math.max(...results.map((r) => (r.ok ? r.seq : 0))));
    });
  });

  describe(`${label}: event store`, () => {
    it("creates, replaces, lists and deletes endpoints", async () => {
      expect(await store.events.putEndpoint("e1", "webhook", { url: "https://x" }, 1000)).toEqual({ created: true });
      expect(await store.events.putEndpoint("e1", "mqtt", { url: "mqtt://y" }, 2000)).toEqual({ created: false });
      await store.events.putEndpoint("e0", "nats", { n: 1 }, 3000);
      expect(await store.events.getEndpoint("e1")).toEqual({
        name: "e1",
        kind: "mqtt",
        definition: { url: "mqtt://y" },
        createdAt: 1000,
        updatedAt: 2000,
      });
      expect((await store.events.listEndpoints()).map((e) => e.name)).toEqual(["e0", "e1"]);
      expect(await store.events.deleteEndpoint("e1")).toBe(true);
      expect(await store.events.deleteEndpoint("e1")).toBe(false);
      expect(await store.events.getEndpoint("e1")).toBeUndefined();
    });

    it("keeps a replaced route's cursor and drops a deleted route's", async () => {
      await store.events.putRoute({ id: "r", endpointName: "e", filter: "true" }, 7, 1000);
      expect(await store.events.getCursor("r")).toBe(7);
      await store.events.setCursor("r", 9);
      await store.events.setCursor("r", 8);
      expect(await store.events.getCursor("r")).toBe(9);
      await store.events.putRoute({ id: "r", endpointName: "e2", filter: "false" }, 100, 2000);
      expect(await store.events.getCursor("r")).toBe(9);
      expect(await store.events.getRoute("r")).toEqual({
        id: "r",
        endpointName: "e2",
        filter: "false",
        createdAt: 1000,
        updatedAt: 2000,
      });
      await store.events.putRoute({ id: "a", endpointName: "e", filter: "true" }, 0, 3000);
      expect((await store.events.listRoutes()).map((r) => r.id)).toEqual(["a", "r"]);
      expect(await store.events.deleteRoute("r")).toBe(true);
      expect(await store.events.deleteRoute("r")).toBe(false);
      expect(await store.events.getCursor("r")).toBeUndefined();
    });

    it("reads the outbox and trims what is old enough", async () => {
      expect(await store.events.latestSeq()).toBe(0);
      expect(await store.events.oldestSeq()).toBeUndefined();
      for (let i = 1; i <= 4; i++) await store.graph.commit(batch({ events: [event("a", i)] }));
      expect(await store.events.latestSeq()).toBe(4);
      expect(await store.events.oldestSeq()).toBe(1);
      expect((await store.events.readOutbox(2, 10)).map((r) => [r.seq, r.twinId, r.type, r.event])).toEqual([
        [3, "a", "T", '{"n":3}'],
        [4, "a", "T", '{"n":4}'],
      ]);
      expect(await store.events.trimOutbox(3, 0)).toBe(0);
      expect(await store.events.trimOutbox(3, Date.now() + 60_000)).toBe(3);
      expect(await store.events.oldestSeq()).toBe(4);
      expect(await store.events.trimOutbox(4, Date.now() + 60_000)).toBe(1);
      expect(await store.events.latestSeq()).toBe(4);
    });

    it("keeps dead letters", async () => {
      const letter = {
        routeId: "r",
        endpointName: "e",
        seq: 3,
        twinId: "a",
        type: "T",
        event: "{}",
        attempts: 5,
        lastError: "refused",
        firstAttemptAt: 100,
      };
      const first = await store.events.addDeadLetter(letter, 200);
      const second = await store.events.addDeadLetter({ ...letter, endpointName: "f", twinId: null }, 300);
      expect(second).toBeGreaterThan(first);
      expect(await store.events.getDeadLetter(first)).toEqual({ ...letter, id: first, createdAt: 200 });
      expect((await store.events.listDeadLetters({ afterId: 0, limit: 10 })).map((l) => l.id)).toEqual([first, second]);
      expect((await store.events.listDeadLetters({ afterId: first, limit: 10 })).map((l) => l.id)).toEqual([second]);
      expect(
        (await store.events.listDeadLetters({ afterId: 0, limit: 10, endpointName: "f" })).map((l) => l.twinId),
      ).toEqual([null]);
      expect(await store.events.countDeadLetters()).toBe(2);
      expect(await store.events.countDeadLetters("e")).toBe(1);
      expect(await store.events.deleteDeadLetter(first)).toBe(true);
      expect(await store.events.deleteDeadLetter(first)).toBe(false);
      expect(await store.events.getDeadLetter(first)).toBeUndefined();
    });
  });

  describe(`${label}: endpoint re-seal`, () => {
    it("lists endpoint names and tells whether one exists, without definitions", async () => {
      expect(await store.events.listEndpointNames()).toEqual([]);
      await store.events.putEndpoint("b", "webhook", { url: "https://b" }, 1000);
      await store.events.putEndpoint("a", "nats", { url: "nats://a" }, 1000);
      expect(await store.events.listEndpointNames()).toEqual(["a", "b"]);
      expect([await store.events.hasEndpoint("a"), await store.events.hasEndpoint("c")]).toEqual([true, false]);
      await store.events.deleteEndpoint("a");
      expect([await store.events.listEndpointNames(), await store.events.hasEndpoint("a")]).toEqual([["b"], false]);
    });

    it("replaces only a row still as read, keeping kind and times", async () => {
      await store.events.putEndpoint("e", "webhook", { kind: "webhook", sealedSecrets: "v1.old" }, 1000);
      const [read] = await store.events.listEndpoints();
      expect(
        await store.events.resealEndpoint("e", read!.definition, { kind: "webhook", sealedSecrets: "v1.new" }),
      ).toBe(true);
      expect(await store.events.getEndpoint("e")).toEqual({
        name: "e",
        kind: "webhook",
        definition: { kind: "webhook", sealedSecrets: "v1.new" },
        createdAt: 1000,
        updatedAt: 1000,
      });
      // What was read is stale now: the second re-seal of it changes nothing.
      expect(await store.events.resealEndpoint("e", read!.definition, { kind: "webhook", sealedSecrets: "v1.x" })).toBe(
        false,
      );
      expect((await store.events.getEndpoint("e"))?.definition).toEqual({ kind: "webhook", sealedSecrets: "v1.new" });
    });

    it("loses to a replace or a delete made after the read", async () => {
      await store.events.putEndpoint("kept", "webhook", { kind: "webhook", url: "https://one" }, 1000);
      await store.events.putEndpoint("gone", "webhook", { kind: "webhook", url: "https://gone" }, 1000);
      const read = await store.events.listEndpoints();
      const definitionOf = (name: string) => read.find((row) => row.name === name)!.definition;
      await store.events.putEndpoint("kept", "mqtt", { kind: "mqtt", url: "mqtt://two" }, 2000);
      await store.events.deleteEndpoint("gone");
      expect(await store.events.resealEndpoint("kept", definitionOf("kept"), { kind: "webhook", url: "x" })).toBe(
        false,
      );
      expect(await store.events.resealEndpoint("gone", definitionOf("gone"), { kind: "webhook", url: "x" })).toBe(
        false,
      );
      expect(await store.events.listEndpoints()).toEqual([
        {
          name: "kept",
          kind: "mqtt",
          definition: { kind: "mqtt", url: "mqtt://two" },
          createdAt: 1000,
          updatedAt: 2000,
        },
      ]);
      expect(await store.events.resealEndpoint("never", { kind: "webhook" }, { kind: "webhook" })).toBe(false);
      expect(await store.events.listEndpointNames()).toEqual(["kept"]);
    });
  });

  describe(`${label}: key check store`, () => {
    it("stores the first claim and answers it to every later one", async () => {
      expect(await store.keyCheck.read()).toBeUndefined();
      expect(await store.keyCheck.claim("v1.first")).toBe("v1.first");
      expect(await store.keyCheck.claim("v1.second")).toBe("v1.first");
      expect(await store.keyCheck.read()).toBe("v1.first");
    });

    it("answers one stored value to claims racing on an empty store", async () => {
      const answers = await Promise.all(["v1.a", "v1.b", "v1.c", "v1.d"].map((value) => store.keyCheck.claim(value)));
      const stored = await store.keyCheck.read();
      expect(stored).toMatch(/^v1\.[a-d]$/);
      expect(answers).toEqual([stored, stored, stored, stored]);
    });

    it("compare-and-sets only the expected value and answers what is stored afterwards", async () => {
      expect(await store.keyCheck.compareAndSet("v1.a", "v1.b")).toBeUndefined();
      expect(await store.keyCheck.read()).toBeUndefined();
      expect(await store.keyCheck.claim("v1.a")).toBe("v1.a");
      expect(await store.keyCheck.compareAndSet("v1.other", "v1.b")).toBe("v1.a");
      expect(await store.keyCheck.read()).toBe("v1.a");
      expect(await store.keyCheck.compareAndSet("v1.a", "v1.b")).toBe("v1.b");
      expect(await store.keyCheck.compareAndSet("v1.a", "v1.c")).toBe("v1.b");
      expect(await store.keyCheck.claim("v1.d")).toBe("v1.b");
      expect(await store.keyCheck.read()).toBe("v1.b");
    });
  });

  describe(`${label}: auth store`, () => {
    const key: StoredApiKey = {
      id: "k1",
      name: "ci",
      hash: "ab".repeat(32),
      createdAt: "2025-01-01T00:00:00Z",
      createdBy: "admin",
      expiresAt: null,
      revokedAt: null,
    };
    const role: StoredRole = { name: "reader", description: "reads", dataActions: ["a/read"], notDataActions: [] };

    it("bumps the version on every change and loads everything at one version", async () => {
      const v0 = await store.auth.version();
      await store.auth.insertApiKey(key);
      expect(await store.auth.putRole(role)).toBe(true);
      expect(await store.auth.putRole({ ...role, description: "changed" })).toBe(false);
      expect(
        await store.auth.putRoleAssignment({
          id: "as1",
          principalType: "apiKey",
          principalId: "k1",
          role: "reader",
          scope: { models: ["m"] },
        }),
      ).toBe(true);
      expect(await store.auth.revokeApiKey("k1", "2025-02-01T00:00:00Z")).toBe(true);
      expect(await store.auth.revokeApiKey("k1", "2025-03-01T00:00:00Z")).toBe(true);
      expect(await store.auth.revokeApiKey("none", "2025-03-01T00:00:00Z")).toBe(false);
      const access = await store.auth.loadAccess();
      expect(access.version).toBe(await store.auth.version());
      expect(access.version).toBeGreaterThanOrEqual(v0 + 5);
      expect(access.apiKeys).toEqual([{ ...key, revokedAt: "2025-02-01T00:00:00Z" }]);
      expect(access.roles).toEqual([{ ...role, description: "changed" }]);
      expect(access.assignments).toEqual([
        { id: "as1", principalType: "apiKey", principalId: "k1", role: "reader", scope: { models: ["m"] } },
      ]);
      expect(await store.auth.deleteRoleAssignment("as1")).toBe(true);
      expect(await store.auth.deleteRole("reader")).toBe(true);
      expect(await store.auth.deleteRole("reader")).toBe(false);
      expect((await store.auth.loadAccess()).roles).toEqual([]);
    });

    it("appends, filters, pages and prunes the audit log", async () => {
      const entry = (at: string, principal: string, outcome: NewAuditEntry["outcome"]): NewAuditEntry => ({
        at,
        principal,
        clientAddress: "192.0.2.1",
        action: "a/read",
        method: "GET",
        path: "/x",
        route: "/x",
        twinId: null,
        status: outcome === "success" ? 200 : 403,
        outcome,
        detail: null,
      });
      await store.auth.appendAudit([
        entry("2025-01-01T00:00:01Z", "p1", "success"),
        entry("2025-01-01T00:00:02Z", "p2", "denied"),
        entry("2025-01-01T00:00:03Z", "p1", "denied"),
      ]);
      await store.auth.appendAudit([]);
      const all = await store.auth.readAudit({ limit: 10 });
      expect(all.map((r) => [r.principal, r.outcome, r.status])).toEqual([
        ["p1", "success", 200],
        ["p2", "denied", 403],
        ["p1", "denied", 403],
      ]);
      expect(all[0]).toEqual({ ...entry("2025-01-01T00:00:01Z", "p1", "success"), seq: all[0]!.seq });
      expect((await store.auth.readAudit({ limit: 10, principal: "p1", outcome: "denied" })).map((r) => r.at)).toEqual([
        "2025-01-01T00:00:03Z",
      ]);
      expect((await store.auth.readAudit({ limit: 1, after: all[0]!.seq })).map((r) => r.principal)).toEqual(["p2"]);
      expect(await store.auth.pruneAudit("2025-01-01T00:00:03Z")).toBe(2);
      expect(await store.auth.readAudit({ limit: 10 })).toHaveLength(1);
    });

    it("answers scope questions over twins, models and relationships", async () => {
      await store.models.insert([model("dtmi:base;1"), model("dtmi:room;1", [], [{ id: "dtmi:base;1", depth: 1 }])]);
      await put(twin("a", 'W/"a"', "dtmi:room;1"), twin("b", 'W/"b"', "dtmi:base;1"), twin("c", 'W/"c"', "dtmi:x;1"));
      await relate(relationship("a", "r", "b"));
      const inScope = await store.auth.twinsInScope(["a", "b", "c", "missing"], {
        sql: "T.model_id IN (SELECT m.model_id FROM model_ancestry m WHERE m.ancestor_id = ?) AND T.id <> ?",
        params: ["dtmi:base;1", "b"],
      });
      expect([...inScope].sort()).toEqual(["a"]);
      expect(await store.auth.twinsInScope([], { sql: "1=1", params: [] })).toEqual(new Set());
      expect(await store.auth.modelExtendsAny("dtmi:room;1", ["dtmi:base;1"])).toBe(true);
      expect(await store.auth.modelExtendsAny("dtmi:room;1", ["dtmi:room;1"])).toBe(true);
      expect(await store.auth.modelExtendsAny("dtmi:base;1", ["dtmi:room;1"])).toBe(false);
      expect(await store.auth.modelExtendsAny("dtmi:base;1", [])).toBe(false);
      expect(await store.auth.relationshipTarget("a", "r")).toBe("b");
      expect(await store.auth.relationshipTarget("a", "none")).toBeNull();
    });
  });

  describe(`${label}: queries`, () => {
    it("keeps one token secret", async () => {
      const secret = await store.queries.tokenSecret();
      expect(secret).toHaveLength(32);
      expect(await store.queries.tokenSecret()).toEqual(secret);
    });

    it("refuses a statement whose deadline has passed", async () => {
      await put(twin("a"));
      const compiler = store.kind === "sqlite" ? new SqliteCompiler() : new PostgresCompiler();
      const query = createQueryService(store).prepare("SELECT * FROM digitaltwins");
      const statement = compiler.compilePage(query, { after: null, limit: 5 });
      await expect(store.queries.run(statement, { deadline: Date.now() - 1, light: false })).rejects.toBeInstanceOf(
        QueryTimeoutError,
      );
      expect(await store.queries.run(statement, { deadline: Date.now() + 10_000, light: false })).toHaveLength(1);
    });

    it("answers the query language alike", async () => {
      await seedQueryGraph(store);
      const service = createQueryService(store);
      for (const [query, expected] of queryExpectations) {
        expect(await queryAll(service, query), query).toEqual(expected);
      }
    });
  });
}
