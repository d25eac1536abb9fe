import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dropSchema,
  openPostgresTestStore,
  postgresTestUrl,
  randomSchema,
  type TestPostgresStore,
} from "../store/support/postgresTestStore.js";
import { requireService } from "../support/services.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { bearer, createTestIdp, secureAuthOptions, type TestIdp } from "./authSupport.js";

/**
 * Cluster-wide rate limits on real PostgreSQL: two servers in this process share one schema (two
 * nodes). Each node enforces limit / live nodes, with liveness from heartbeats in `cluster_nodes`.
 */
const available = await requireService("postgres", "cluster-wide rate limits");
const v = "?api-version=2023-10-31";
const heartbeatMs = 100;

async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function liveRows(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM "${schema}".cluster_nodes`);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe.runIf(available)("rate limits across the nodes of a PostgreSQL cluster", () => {
  const schema = randomSchema("rl");
  let idp: TestIdp;
  let storeA: TestPostgresStore;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    idp = await createTestIdp();
    const auth = secureAuthOptions(idp, {
      // Slow refills and long bursts, so a slow request does not earn a token back mid-test.
      rateLimits: { perPrincipal: { read: 1 }, perTwin: 0.5, burstSeconds: 4, nodeHeartbeatMs: heartbeatMs },
    });
    storeA = await openPostgresTestStore({ schema });
    a = await startTestServer({ store: storeA, auth });
    b = await startTestServer({ store: await openPostgresTestStore({ schema }), auth });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await dropSchema(schema);
  });

  const nodesSeenBy = (t: TestServer) => t.server.services.auth.cluster.nodes;
  const statuses = async (t: TestServer, n: number, method: string, path: string, headers: Record<string, string>) => {
    const out: number[] = [];
    const body = method === "PUT" ? { $metadata: { $model: "dtmi:nowhere:X;1" } } : undefined;
    for (let i = 0; i < n; i++)
      out.push((await t.request(method, path, { headers, ...(body ? { body } : {}) })).status);
    return out;
  };

  it("splits a principal's limit between the live nodes, so the cluster grants the limit, not twice it", async () => {
    await eventually(() => nodesSeenBy(a) === 2 && nodesSeenBy(b) === 2);
    const p1 = bearer(await idp.sign({ sub: "p1", groups: ["owners"] }));
    // read: a burst of 4 cluster-wide (1 per second for 4 s): 2 on each node.
    expect(await statuses(a, 3, "GET", `/digitaltwins/nothing${v}`, p1)).toEqual([404, 404, 429]);
    expect(await statuses(b, 3, "GET", `/digitaltwins/nothing${v}`, p1)).toEqual([404, 404, 429]);
  });

  it("splits the per-twin write limit the same way", async () => {
    const p2 = bearer(await idp.sign({ sub: "p2", groups: ["owners"] }));
    // perTwin: a burst of 2 cluster-wide: 1 on each node (the model does not exist: 400, but it counts).
    expect(await statuses(a, 2, "PUT", `/digitaltwins/hot${v}`, p2)).toEqual([400, 429]);
    expect(await statuses(b, 2, "PUT", `/digitaltwins/hot${v}`, p2)).toEqual([400, 429]);
  });

  it("counts a node out when it stops beating, and gives its share back to the others", async () => {
    // A node that crashed (never left): its last heartbeat ages out after three periods.
    await storeA.nodes.heartbeat("crashed-node", heartbeatMs * 3);
    await eventually(() => nodesSeenBy(a) === 3);
    await eventually(() => nodesSeenBy(a) === 2);
    // A node that shuts down leaves at once.
    await b.close();
    await eventually(() => nodesSeenBy(a) === 1);
    expect(await liveRows(schema)).toBe(1);
    const p3 = bearer(await idp.sign({ sub: "p3", groups: ["owners"] }));
    expect(await statuses(a, 5, "GET", `/digitaltwins/nothing${v}`, p3)).toEqual([404, 404, 404, 404, 429]);
  });
});

describe("rate limits on a single node", () => {
  it("enforces the whole limit on SQLite, a cluster of one", async () => {
    const t = await startTestServer({ memory: false, storeUrl: ":memory:", auth: { rateLimits: { enabled: true } } });
    try {
      expect(t.server.services.store.kind).toBe("sqlite");
      expect(t.server.services.auth.cluster.nodes).toBe(1);
      expect(await t.server.services.store.nodes.heartbeat("other-node", 1000)).toBe(1);
    } finally {
      await t.close();
    }
  });
});
