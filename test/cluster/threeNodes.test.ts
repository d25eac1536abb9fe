import { mkdtempSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeKey, storeKey } from "../../src/store/postgres/advisoryKeys.js";
import { startWebhookReceiver, type WebhookReceiver } from "../events/support/webhookReceiver.js";
import { dropSchema, postgresTestUrl, randomSchema } from "../store/support/postgresTestStore.js";
import { requireService } from "../support/services.js";
import { type ClusterNode, ensureBuilt, startNode, stopNode } from "./support/clusterNodes.js";

/**
 * Three `doppel serve` processes (the built CLI) over one PostgreSQL schema, with writers on
 * every node racing on the same twins. Midway the node delivering the event route is killed.
 * Invariants: no lost update (compare-and-swap across nodes), every update's event delivered to
 * the route's endpoint in order per twin with no loss (duplicates only from the failover), a
 * live stream on a surviving node sees every node's commits, models uploaded on one node are
 * known to the others.
 */
const available = await requireService("postgres", "three-node cluster");

const api = "api-version=2023-10-31";
const model = {
  "@id": "dtmi:cluster:Counter;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;3",
  contents: [{ "@type": "Property", name: "count", schema: "integer" }],
};
const twins = Array.from({ length: 6 }, (_, i) => `counter-${i}`);
const updates = "type = 'Microsoft.DigitalTwins.Twin.Update'";
const writersPerNode = 2;
const incrementsPerWriter = 30;

interface Call {
  readonly status: number;
  readonly body: any;
  readonly etag: string | null;
}

async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Call> {
  const response = await fetch(url + path, {
    method,
    headers: {
      ...(body === undefined
        ? {}
        : { "content-type": method === "PATCH" ? "application/json-patch+json" : "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : JSON.parse(text),
    etag: response.headers.get("etag"),
  };
}

async function eventually(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Twin.Update events of a live SSE stream, as (twin, count) in arrival order. */
function openStream(url: string): { seen: [string, number][]; close(): void } {
  const seen: [string, number][] = [];
  let buffer = "";
  const req = httpsRequest(`${url}/events/stream?filter=${encodeURIComponent(updates)}`, (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split("\n").find((line) => line.startsWith("data: "));
        if (data) {
          const event = JSON.parse(data.slice(6));
          seen.push([event.subject, countOf(event)]);
        }
        end = buffer.indexOf("\n\n");
      }
    });
  });
  req.on("error", () => undefined);
  req.end();
  return { seen, close: () => req.destroy() };
}

function countOf(event: { data: { patch: { path: string; value: number }[] } }): number {
  return event.data.patch.find((op) => op.path === "/count")!.value;
}

describe.runIf(available)("three doppel serve nodes over one PostgreSQL", () => {
  const schema = randomSchema("cluster");
  const storeUrl = `${postgresTestUrl}?schema=${schema}`;
  const dir = mkdtempSync(join(tmpdir(), "doppel-cluster-"));
  let nodes: ClusterNode[] = [];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    await ensureBuilt();
    receiver = await startWebhookReceiver();
    // All three start at once: the schema migration must cope.
    nodes = await Promise.all(["a", "b", "c"].map((name) => startNode(name, storeUrl, join(dir, name))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => stopNode(node)));
    await receiver?.close();
    await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps writes, event delivery and live streams whole while a node dies under load", async () => {
    const [a, b, c] = nodes as [ClusterNode, ClusterNode, ClusterNode];

    // A model uploaded on one node is known to the others.
    expect((await call(a.url, "POST", `/models?${api}`, [model])).status).toBe(201);
    for (const node of [b, c]) {
      await eventually(
        async () => (await call(node.url, "GET", `/models/${encodeURIComponent(model["@id"])}?${api}`)).status === 200,
        `model on ${node.name}`,
      );
    }
    // So do decommissions.
    expect(
      (
        await call(b.url, "PATCH", `/models/${encodeURIComponent(model["@id"])}?${api}`, [
          { op: "replace", path: "/decommissioned", value: true },
        ])
      ).status,
    ).toBe(204);
    await eventually(
      async () =>
        (await call(c.url, "GET", `/models/${encodeURIComponent(model["@id"])}?${api}`)).body?.decommissioned === true,
      "the decommission on c",
    );
    // A decommissioned model takes no new twins; a second model does.
    const live = { ...model, "@id": "dtmi:cluster:Counter;2" };
    expect((await call(a.url, "POST", `/models?${api}`, [live])).status).toBe(201);
    for (const node of [b, c]) {
      await eventually(
        async () => (await call(node.url, "GET", `/models/${encodeURIComponent(live["@id"])}?${api}`)).status === 200,
        `model 2 on ${node.name}`,
      );
    }
    for (const [index, id] of twins.entries()) {
      const node = nodes[index % 3]!;
      expect(
        (await call(node.url, "PUT", `/digitaltwins/${id}?${api}`, { $metadata: { $model: live["@id"] }, count: 0 }))
          .status,
      ).toBe(200);
    }

    // An endpoint and a route created on one node; one node (the lease holder) delivers it.
    expect((await call(c.url, "PUT", "/admin/endpoints/sink", { kind: "webhook", url: receiver.url })).status).toBe(
      201,
    );
    expect(
      (await call(c.url, "PUT", `/eventroutes/all-updates?${api}`, { endpointName: "sink", filter: updates })).status,
    ).toBe(204);
    // Every node's dispatcher learns about the route (each runs a worker waiting for the lease).
    for (const node of nodes) {
      await eventually(async () => {
        const metrics = await fetch(`${node.url}/metrics`).then((response) => response.text());
        return metrics.includes('route="all-updates"');
      }, `the route on ${node.name}`);
    }
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    let holder: ClusterNode | undefined;
    try {
      await eventually(async () => {
        const { rows } = await admin.query<{ application_name: string }>(
          `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2`,
          [storeKey(schema) >>> 0, routeKey("all-updates") >>> 0],
        );
        const pid = Number(rows[0]?.application_name.split(":")[1]);
        holder = nodes.find((node) => node.process.pid === pid);
        return holder !== undefined;
      }, "a node to take the route's lease");
    } finally {
      await admin.end();
    }
    const survivors = nodes.filter((node) => node !== holder);
    const stream = openStream(survivors[0]!.url);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Writers on every node increment shared twins with If-Match; a writer whose node dies moves on.
    let successes = 0;
    let ambiguous = 0;
    let conflicts = 0;
    let killedAt = 0;
    const writer = async (home: number, seed: number) => {
      let nodeIndex = home;
      for (let i = 0; i < incrementsPerWriter; i++) {
        const id = twins[(seed + i) % twins.length]!;
        for (;;) {
          const node = nodes[nodeIndex]!;
          if (node.exited || (node === holder && killedAt > 0)) {
            nodeIndex = (nodeIndex + 1) % nodes.length;
            continue;
          }
          let patching = false;
          try {
            const current = await call(node.url, "GET", `/digitaltwins/${id}?${api}`);
            patching = true;
            const result = await call(
              node.url,
              "PATCH",
              `/digitaltwins/${id}?${api}`,
              [{ op: "replace", path: "/count", value: current.body.count + 1 }],
              { "if-match": current.etag! },
            );
            if (result.status === 204) {
              successes++;
              break;
            }
            expect(result.status).toBe(412);
            conflicts++;
          } catch {
            // The node died under this request: a PATCH in flight may or may not have committed.
            if (patching) ambiguous++;
            nodeIndex = (nodeIndex + 1) % nodes.length;
            if (patching) break;
          }
        }
        if (successes >= (nodes.length * writersPerNode * incrementsPerWriter) / 2 && killedAt === 0 && holder) {
          killedAt = Date.now();
          holder.process.kill("SIGKILL");
        }
      }
    };
    await Promise.all(
      nodes.flatMap((_, n) => Array.from({ length: writersPerNode }, (_, w) => writer(n, n * 7 + w * 3))),
    );
    expect(killedAt).toBeGreaterThan(0);
    expect(conflicts).toBeGreaterThan(0);

    // No lost update: every twin's count is the number of increments that committed on it.
    const final = new Map<string, number>();
    for (const id of twins)
      final.set(id, (await call(survivors[0]!.url, "GET", `/digitaltwins/${id}?${api}`)).body.count);
    const total = [...final.values()].reduce((x, y) => x + y, 0);
    expect(total).toBeGreaterThanOrEqual(successes);
    expect(total).toBeLessThanOrEqual(successes + ambiguous);

    // Every update reaches the endpoint, in order per twin, although the delivering node died.
    const delivered = () => {
      const firstSeen = new Map<string, number[]>();
      const ids = new Set<string>();
      for (const request of receiver.received) {
        const event = JSON.parse(request.body);
        if (ids.has(event.id)) continue;
        ids.add(event.id);
        const list = firstSeen.get(event.subject) ?? [];
        list.push(countOf(event));
        firstSeen.set(event.subject, list);
      }
      return firstSeen;
    };
    await eventually(
      () => twins.every((id) => (delivered().get(id)?.length ?? 0) >= final.get(id)!),
      "every event at the endpoint",
    );
    for (const id of twins) {
      expect(delivered().get(id), id).toEqual(Array.from({ length: final.get(id)! }, (_, i) => i + 1));
    }
    // Before the failover each event went out exactly once, from one node.
    const beforeKill = receiver.received
      .filter((request) => request.at < killedAt)
      .map((request) => JSON.parse(request.body).id);
    expect(new Set(beforeKill).size).toBe(beforeKill.length);
    const duplicates = receiver.received.length - new Set(receiver.received.map((r) => JSON.parse(r.body).id)).size;
    console.log(
      `cluster: ${successes} increments (${conflicts} compare-and-swap conflicts, ${ambiguous} cut off by the kill), ` +
        `${receiver.received.length} deliveries, ${duplicates} redelivered after the failover`,
    );

    // A live stream on a surviving node saw every node's commits, once each, in order per twin.
    await eventually(() => stream.seen.length >= total, "the live stream to catch up");
    stream.close();
    for (const id of twins) {
      expect(
        stream.seen.filter(([twin]) => twin === id).map(([, count]) => count),
        `stream ${id}`,
      ).toEqual(Array.from({ length: final.get(id)! }, (_, i) => i + 1));
    }
  }, 120_000);
});
