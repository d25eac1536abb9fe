import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueryService } from "../../src/query/createQueryService.js";
import type { CommitBatch, StoredTwin } from "../../src/store/ports/graphRepository.js";
import { QueryTimeoutError } from "../../src/store/ports/queryRunner.js";
import { createPostgresStore } from "../../src/store/postgres/createPostgresStore.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { requireService } from "../support/services.js";
import { queryAll, queryCases, seedQueryGraph } from "./queryCases.js";
import {
  dropSchema,
  openPostgresTestStore,
  postgresTestUrl,
  randomSchema,
  type TestPostgresStore,
} from "./support/postgresTestStore.js";

/**
 * What only a store shared by several processes must do: two store instances over one schema
 * stand for two nodes (each has its own pool and cluster session).
 */
const available = await requireService("postgres", "PostgreSQL cluster behaviour");

const batch = (parts: Partial<CommitBatch>): CommitBatch => ({ writes: [], checks: [], events: [], ...parts });
const twin = (id: string, etag: string, value: number): StoredTwin => ({
  id,
  modelId: "dtmi:m;1",
  etag,
  doc: JSON.stringify({ $dtId: id, $etag: etag, value }),
});

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(available)("PostgreSQL store shared by several nodes", () => {
  let a: TestPostgresStore;
  let b: TestPostgresStore;
  beforeAll(async () => {
    a = await openPostgresTestStore();
    b = await openPostgresTestStore({ schema: a.schema });
  });
  afterAll(async () => {
    await b?.close();
    await a?.destroy();
  });

  it("loses no update when nodes increment one twin concurrently with compare-and-swap", async () => {
    await a.graph.commit(
      batch({ writes: [{ op: "putTwin", twin: twin("counter", 'W/"0"', 0), expect: { kind: "absent" } }] }),
    );
    let conflicts = 0;
    const increment = async (node: TestPostgresStore, n: number) => {
      for (let i = 0; i < n; i++) {
        for (;;) {
          const current = (await node.graph.getTwin("counter"))!;
          const value = (JSON.parse(current.doc) as { value: number }).value + 1;
          const result = await node.graph.commit(
            batch({
              writes: [
                {
                  op: "putTwin",
                  twin: twin("counter", `W/"${value}"`, value),
                  expect: { kind: "etag", etag: current.etag },
                },
              ],
              events: [{ twinId: "counter", type: "T", event: String(value) }],
            }),
          );
          if (result.ok) break;
          conflicts++;
        }
      }
    };
    await Promise.all([increment(a, 25), increment(b, 25), increment(a, 25), increment(b, 25)]);
    const final = JSON.parse((await b.graph.getTwin("counter"))!.doc) as { value: number };
    expect(final.value).toBe(100);
    expect(conflicts).toBeGreaterThan(0);
    // Each committed increment appended its event, in the order the values were written.
    const events = (await a.outbox.readAfter(0, 1000))
      .filter((r) => r.twinId === "counter")
      .map((r) => Number(r.event));
    expect(events).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("serialises checks across nodes: a relationship cannot appear to a twin being deleted", async () => {
    for (let round = 0; round < 10; round++) {
      const target = `target-${round}`;
      await a.graph.commit(
        batch({
          writes: [
            { op: "putTwin", twin: twin(`source-${round}`, 'W/"s"', 0), expect: { kind: "any" } },
            { op: "putTwin", twin: twin(target, 'W/"t"', 0), expect: { kind: "any" } },
          ],
        }),
      );
      const [deleted, related] = await Promise.all([
        a.graph.commit(
          batch({
            writes: [{ op: "deleteTwin", id: target, expect: { kind: "present" } }],
            checks: [{ check: "noRelationships", twinId: target }],
          }),
        ),
        b.graph.commit(
          batch({
            writes: [
              {
                op: "putRelationship",
                relationship: {
                  sourceId: `source-${round}`,
                  id: "r",
                  name: "n",
                  targetId: target,
                  etag: 'W/"r"',
                  doc: "{}",
                },
                expect: { kind: "absent" },
              },
            ],
            checks: [
              { check: "twinExists", id: `source-${round}` },
              { check: "twinExists", id: target },
            ],
          }),
        ),
      ]);
      // Never both: that would leave a relationship to a twin that no longer exists.
      expect(deleted.ok && related.ok).toBe(false);
      expect(deleted.ok || related.ok).toBe(true);
    }
  });

  it("tells a node's outbox listeners about commits made on another node", async () => {
    const seen: number[] = [];
    const stop = b.outbox.onAppend((seq) => seen.push(seq));
    try {
      const result = await a.graph.commit(batch({ events: [{ twinId: "x", type: "T", event: "{}" }] }));
      expect(result.ok).toBe(true);
      const seq = result.ok ? result.seq : -1;
      await eventually(() => (seen.includes(seq) ? true : undefined));
      expect((await b.outbox.readAfter(seq - 1, 10)).map((r) => r.seq)).toEqual([seq]);
    } finally {
      stop();
    }
  });

  it("tells other nodes, not itself, about model, event and access changes", async () => {
    const heard = { a: [] as string[], b: [] as string[] };
    const stops = (["models", "events", "auth"] as const).flatMap((topic) => [
      a.cluster.onChange(topic, () => heard.a.push(topic)),
      b.cluster.onChange(topic, () => heard.b.push(topic)),
    ]);
    try {
      await a.models.insert([
        { id: "dtmi:n;1", definition: {}, displayName: {}, description: {}, uploadTime: "t", refs: [], ancestors: [] },
      ]);
      await a.events.putEndpoint("e", "webhook", {}, 1);
      await a.auth.putRole({ name: "r", description: "", dataActions: [], notDataActions: [] });
      await eventually(() => (heard.b.length === 3 ? true : undefined));
      expect(heard.b).toEqual(["models", "events", "auth"]);
      expect(heard.a).toEqual([]);
    } finally {
      for (const stop of stops) stop();
    }
  });

  it("leases a route to one node at a time and hands it over when that node's session dies", async () => {
    const stopping = new AbortController();
    const leaseA = await a.events.claimRoute!("route-1", stopping.signal);
    expect(leaseA).not.toBeNull();
    let leaseB: Awaited<ReturnType<NonNullable<typeof b.events.claimRoute>>> | undefined;
    const claimB = b.events.claimRoute!("route-1", stopping.signal).then((lease) => {
      leaseB = lease;
      return lease;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leaseB).toBeUndefined();
    leaseA!.release();
    const granted = await claimB;
    expect(granted).not.toBeNull();
    expect(granted!.lost.aborted).toBe(false);

    // Node A takes it back after B's session is killed (as when B's process dies).
    const claimA = a.events.claimRoute!("route-1", stopping.signal);
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1",
        [`doppel-session:${process.pid}:${b.cluster.nodeId.slice(0, 8)}`],
      );
      expect(killed.rows.length).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    const taken = await claimA;
    expect(taken).not.toBeNull();
    await eventually(() => (granted!.lost.aborted ? true : undefined));
    taken!.release();
    stopping.abort();
    // B's session comes back by itself.
    await eventually(async () => {
      const lease = await b.events.claimRoute!("route-2", AbortSignal.timeout(2000));
      lease?.release();
      return lease ?? undefined;
    });
  });

  it("trims the outbox on one node when several try at once", async () => {
    for (let i = 0; i < 20; i++) await a.graph.commit(batch({ events: [{ twinId: "t", type: "T", event: "{}" }] }));
    const last = await a.events.latestSeq();
    const trimmed = await Promise.all([
      a.events.trimOutbox(last, Date.now() + 60_000),
      b.events.trimOutbox(last, Date.now() + 60_000),
      a.events.trimOutbox(last, Date.now() + 60_000),
    ]);
    expect(trimmed.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(20);
    expect(await b.events.oldestSeq()).toBeUndefined();
    expect(await b.events.latestSeq()).toBe(last);
  });

  it("never reads past an event still being committed, and skips a rolled-back one", async () => {
    const before = await a.outbox.lastSeq();
    const writer = new pg.Client({ connectionString: postgresTestUrl });
    await writer.connect();
    try {
      await writer.query(`SET search_path TO "${a.schema}"`);
      await writer.query("BEGIN");
      await writer.query("SELECT pg_current_xact_id()");
      await writer.query(
        "INSERT INTO outbox (seq, twin_id, type, event, created_at) VALUES (nextval('outbox_seq'), 'slow', 'T', '{}', 0)",
      );
      // A later commit, visible before the slow one.
      const later = await b.graph.commit(batch({ events: [{ twinId: "fast", type: "T", event: "{}" }] }));
      expect(later.ok).toBe(true);
      expect(await a.outbox.readAfter(before, 10)).toEqual([]);
      expect(await b.events.readOutbox(before, 10)).toEqual([]);
      await writer.query("ROLLBACK");
      // The hole is final now: readers move past it to the later event.
      expect((await a.outbox.readAfter(before, 10)).map((r) => r.twinId)).toEqual(["fast"]);
    } finally {
      await writer.end();
    }
  });

  it("answers every query as the SQLite store does", async () => {
    const pgStore = await openPostgresTestStore();
    const reference = createSqliteStore(":memory:");
    try {
      await seedQueryGraph(pgStore);
      await seedQueryGraph(reference);
      const pgQueries = createQueryService(pgStore);
      const sqliteQueries = createQueryService(reference);
      for (const query of queryCases) {
        for (const pageSize of [1, 3, 100]) {
          expect(await queryAll(pgQueries, query, pageSize), `${query} (pages of ${pageSize})`).toEqual(
            await queryAll(sqliteQueries, query, pageSize),
          );
        }
      }
    } finally {
      await reference.close();
      await pgStore.destroy();
    }
  });
});

describe.runIf(available)("PostgreSQL query runner", () => {
  it("has PostgreSQL cancel a statement at its deadline, and gives the next one its own", async () => {
    const store = await openPostgresTestStore();
    try {
      const started = Date.now();
      await expect(
        store.queries.run({ sql: "SELECT pg_sleep(3)", params: [] }, { deadline: Date.now() + 300, light: false }),
      ).rejects.toBeInstanceOf(QueryTimeoutError);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(
        await store.queries.run(
          { sql: "SELECT 1 FROM pg_sleep(0.5)", params: [] },
          { deadline: Date.now() + 5000, light: false },
        ),
      ).toEqual([[1]]);
    } finally {
      await store.destroy();
    }
  });

  it("answers numbers as numbers and JSON as values, keeping sort keys as JSON text", async () => {
    const store = await openPostgresTestStore();
    try {
      const rows = await store.queries.run(
        {
          sql: `SELECT '{"a":1}'::jsonb AS s0, count(*), 1.5::numeric, '"x"'::jsonb, 'text', NULL::jsonb FROM (VALUES (1)) AS v(x)`,
          params: [],
        },
        { deadline: Date.now() + 5000, light: true },
      );
      expect(rows).toEqual([['{"a": 1}', 1, 1.5, "x", "text", null]]);
    } finally {
      await store.destroy();
    }
  });
});

describe.runIf(available)("PostgreSQL store start-up", () => {
  it("migrates once when several nodes start at once", async () => {
    const schema = randomSchema("start");
    try {
      const stores = await Promise.all(
        [1, 2, 3].map(() =>
          createPostgresStore({
            url: `${postgresTestUrl}?schema=${schema}`,
            poolSize: 2,
            queryPoolSize: 1,
            log: () => undefined,
          }),
        ),
      );
      const client = new pg.Client({ connectionString: postgresTestUrl });
      await client.connect();
      const { rows } = await client.query(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
      await client.end();
      expect(rows.map((row) => row.version)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(new Set(stores.map((s) => s.cluster.nodeId)).size).toBe(3);
      await Promise.all(stores.map((s) => s.close()));
    } finally {
      await dropSchema(schema);
    }
  });

  it("fails clearly when PostgreSQL cannot be reached", async () => {
    await expect(createPostgresStore({ url: "postgres://nobody@127.0.0.1:1/none" })).rejects.toThrow(
      /^cannot connect to PostgreSQL at postgres:\/\/nobody@127\.0\.0\.1:1\/none: /,
    );
  });
});
