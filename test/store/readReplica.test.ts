import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { QueryConfig } from "../../src/query/queryConfig.js";
import { openStore } from "../../src/store/openStore.js";
import { requireService } from "../support/services.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { openPostgresTestStore, postgresTestUrl, type TestPostgresStore } from "./support/postgresTestStore.js";

/**
 * The read replica: a second pool (here over the same database, so the two are told apart by
 * their connections' application_name in pg_stat_activity) that only queries opting in to
 * eventual consistency use.
 */
const available = await requireService("postgres", "read replica");
const v = "?api-version=2023-10-31";
const room = {
  "@id": "dtmi:test:Room;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;3",
  contents: [{ "@type": "Property", name: "area", schema: "double" }],
};

/** The last statement of each of this store's replica connections. */
async function replicaStatements(store: TestPostgresStore): Promise<string[]> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ query: string }>(
      "SELECT query FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid",
      [`doppel-replica:${process.pid}:${store.cluster.nodeId.slice(0, 8)}`],
    );
    return rows.map((row) => row.query);
  } finally {
    await client.end();
  }
}

const ranOnReplica = (statements: string[]) => statements.some((sql) => sql.includes("FROM twins"));

describe.runIf(available)("queries on a read replica", () => {
  let t: TestServer | undefined;
  let store: TestPostgresStore;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    await store.destroy();
  });

  async function start(query: Partial<QueryConfig> = {}) {
    store = await openPostgresTestStore({ readReplicaUrl: postgresTestUrl });
    t = await startTestServer({ store, config: { query } });
    expect((await t.request("POST", `/models${v}`, { body: [room] })).status).toBe(201);
    for (const [id, area] of [
      ["a", 30],
      ["b", 10],
    ] as const) {
      const body = { $metadata: { $model: room["@id"] }, area };
      expect((await t.request("PUT", `/digitaltwins/${id}${v}`, { body })).status).toBe(200);
    }
    return t;
  }

  async function query(text: string, consistency?: string) {
    const headers: Record<string, string> = consistency === undefined ? {} : { "doppel-consistency": consistency };
    return t!.request("POST", `/query${v}`, { body: { query: text }, headers });
  }

  it("runs on the primary by default, and on the replica when the request opts in", async () => {
    await start();
    // Start-up checked the replica with one statement; nothing else ran there.
    expect(await replicaStatements(store)).toEqual(["SELECT 1"]);

    const scan = "SELECT T.$dtId FROM DIGITALTWINS T WHERE T.area > 20";
    const strong = await query(scan);
    expect(strong.status, strong.text).toBe(200);
    expect(strong.body).toEqual({ value: [{ $dtId: "a" }], continuationToken: null });
    const explicit = await query(scan, "strong");
    expect(explicit.body).toEqual(strong.body);
    expect(await replicaStatements(store)).toEqual(["SELECT 1"]);

    const eventual = await query(scan, "eventual");
    expect(eventual.status, eventual.text).toBe(200);
    expect(eventual.body).toEqual(strong.body);
    expect(ranOnReplica(await replicaStatements(store))).toBe(true);
  });

  it("runs light (pinned) queries on the replica too when opted in", async () => {
    await start();
    const pinned = await query("SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'b'", "Eventual");
    expect(pinned.status, pinned.text).toBe(200);
    expect(pinned.body.value.map((twin: { $dtId: string }) => twin.$dtId)).toEqual(["b"]);
    expect(ranOnReplica(await replicaStatements(store))).toBe(true);
  });

  it("with eventual as the server's default, a request can still ask for strong", async () => {
    await start({ consistency: "eventual" });
    const scan = "SELECT COUNT() FROM DIGITALTWINS";
    expect((await query(scan, "strong")).body).toEqual({ value: [{ COUNT: 2 }], continuationToken: null });
    expect(await replicaStatements(store)).toEqual(["SELECT 1"]);
    expect((await query(scan)).body).toEqual({ value: [{ COUNT: 2 }], continuationToken: null });
    expect(ranOnReplica(await replicaStatements(store))).toBe(true);
  });

  it("refuses an unknown consistency", async () => {
    await start();
    const res = await query("SELECT * FROM DIGITALTWINS", "sometimes");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: "InvalidArgument",
        message: "The Doppel-Consistency header must be 'strong' or 'eventual', got 'sometimes'.",
      },
    });
  });
});

describe.runIf(available)("read replica configuration", () => {
  it("fails at start-up when the replica cannot be reached", async () => {
    await expect(
      openPostgresTestStore({ readReplicaUrl: "postgres://nobody:secret@127.0.0.1:1/none" }),
    ).rejects.toThrow(
      /^cannot connect to the PostgreSQL read replica at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: /,
    );
  });

  it("is refused for a SQLite store", async () => {
    await expect(openStore(":memory:", { readReplicaUrl: postgresTestUrl })).rejects.toThrow(
      "a read replica needs a PostgreSQL store (--store postgres://…)",
    );
  });
});
