import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClusterNode, ensureBuilt, startNode, stopNode } from "../cluster/support/clusterNodes.js";
import { loopbackServices, requireService } from "../support/services.js";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";
import { openEventTestStore } from "./support/eventTestStore.js";
import { startTcpProxy } from "./support/tcpProxy.js";
import { startWebhookReceiver } from "./support/webhookReceiver.js";

const v = "api-version=2023-10-31";
const run = randomUUID().slice(0, 8);
const fastRetry = { maxAttempts: 1000, initialDelayMs: 20, maxDelayMs: 200 };

let h: EventHarness;
beforeAll(async () => {
  h = await startEventHarness();
});
afterAll(async () => {
  await h.close();
});

async function route(id: string, endpoint: unknown): Promise<void> {
  expect((await h.request("PUT", `/admin/endpoints/${id}`, { body: endpoint })).status).toBe(201);
  expect(
    (await h.request("PUT", `/eventroutes/${id}?${v}`, { body: { endpointName: id, filter: "true" } })).status,
  ).toBe(204);
}

type Change = { twinId: string; value: number };

/** Each twin's values in first-delivery order (duplicates from redelivery dropped). */
function firstDeliveries(received: readonly Change[]): Map<string, number[]> {
  const seen = new Set<string>();
  const byTwin = new Map<string, number[]>();
  for (const { twinId, value } of received) {
    const key = `${twinId}/${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    byTwin.set(twinId, [...(byTwin.get(twinId) ?? []), value]);
  }
  return byTwin;
}

function expectEverythingInOrder(committed: readonly Change[], received: readonly Change[]): void {
  const expected = new Map<string, number[]>();
  for (const { twinId, value } of committed) expected.set(twinId, [...(expected.get(twinId) ?? []), value]);
  expect(firstDeliveries(received)).toEqual(expected);
}

function changeOf(body: string): Change {
  const event = JSON.parse(body) as { subject: string; data: { patch: { value: number }[] } };
  return { twinId: event.subject, value: event.data.patch[0]!.value };
}

function makeChanges(count: number, twins: number, offset = 0): Change[] {
  return Array.from({ length: count }, (_, i) => ({ twinId: `twin-${(i + offset) % twins}`, value: i + offset }));
}

const hasMqtt = await requireService("mosquitto", "fault test: MQTT broker outage");

describe("fault: an endpoint down for a while, then back", () => {
  it("webhook answering 503, then 200: nothing lost, order per twin kept", async () => {
    const receiver = await startWebhookReceiver();
    try {
      receiver.mode = "fail";
      await route("down-webhook", { kind: "webhook", url: receiver.url, retry: fastRetry });
      const first = makeChanges(60, 5);
      await h.commit(first);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(receiver.received).toHaveLength(0);
      const second = makeChanges(60, 5, 60);
      await h.commit(second);
      receiver.mode = "ok";
      await eventually(
        () => new Set(receiver.received.map((r) => r.body)).size,
        (n) => n >= 120,
      );
      expectEverythingInOrder(
        [...first, ...second],
        receiver.received.map((r) => changeOf(r.body)),
      );
      const metrics = (await h.request("GET", "/metrics")).text;
      expect(metrics).toMatch(/doppel_events_retried_total\{route="down-webhook",endpoint="down-webhook"\} [1-9]/);
      expect(metrics).toContain('doppel_events_delivered_total{route="down-webhook",endpoint="down-webhook"} 120');
      expect(metrics).toContain('doppel_events_dead_lettered_total{route="down-webhook",endpoint="down-webhook"} 0');
    } finally {
      await receiver.close();
    }
  });

  it.runIf(hasMqtt)(
    "MQTT broker unreachable (connections cut), then back: nothing lost, order per twin kept",
    async () => {
      const proxy = await startTcpProxy(loopbackServices.mosquitto);
      const subscriber = await mqtt.connectAsync(loopbackServices.mosquitto.url, { clientId: `fault-${run}` });
      const got: Change[] = [];
      subscriber.on("message", (_topic, payload) => got.push(changeOf(payload.toString())));
      await subscriber.subscribeAsync(`doppel-fault/${run}/#`, { qos: 1 });
      try {
        await route("down-mqtt", {
          kind: "mqtt",
          url: `mqtt://127.0.0.1:${proxy.port}`,
          topic: `doppel-fault/${run}/{twinId}`,
          timeoutMs: 1000,
          retry: fastRetry,
        });
        const first = makeChanges(50, 4);
        await h.commit(first);
        await eventually(
          () => got.length,
          (n) => n >= 50,
        );
        await proxy.down();
        const second = makeChanges(50, 4, 50);
        await h.commit(second);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const duringOutage = got.length;
        await proxy.up();
        const third = makeChanges(50, 4, 100);
        await h.commit(third);
        await eventually(
          () => new Set(got.map((c) => c.value)).size,
          (n) => n >= 150,
          20_000,
        );
        expect(duringOutage).toBeLessThan(100);
        expectEverythingInOrder([...first, ...second, ...third], got);
      } finally {
        await subscriber.endAsync();
        await proxy.close();
      }
    },
  );
});

describe("fault: one endpoint hangs while another keeps its latency", () => {
  it("a hanging webhook does not delay a healthy one", async () => {
    const hanging = await startWebhookReceiver();
    const healthy = await startWebhookReceiver();
    hanging.mode = "hang";
    try {
      await route("hangs", { kind: "webhook", url: hanging.url, timeoutMs: 5000, retry: fastRetry });
      await route("healthy", { kind: "webhook", url: healthy.url });
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const committedAt = Date.now();
        await h.commit([{ twinId: `lat-${i % 3}`, value: i }]);
        await eventually(
          () => healthy.received.length,
          (n) => n > i,
        );
        latencies.push(healthy.received[i]!.at - committedAt);
      }
      expect(hanging.received).toHaveLength(0);
      // Isolation broken would show as the hanging endpoint's 5 s timeout; loaded CI machines add
      // some tens of milliseconds at worst.
      const sorted = [...latencies].sort((a, b) => a - b);
      expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(250);
      expect(sorted.at(-1)).toBeLessThan(1000);
      expect(healthy.received.map((r) => changeOf(r.body).value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    } finally {
      await h.request("DELETE", `/eventroutes/hangs?${v}`);
      await hanging.close();
      await healthy.close();
    }
  });
});

describe("fault: the server killed with SIGKILL mid-delivery, then restarted", () => {
  // The built CLI (`doppel serve`) over the run's store (SQLite file, or a PostgreSQL schema of
  // its own); the outbox is written from this process, as another node's write path would.
  beforeAll(async () => {
    await ensureBuilt();
  }, 300_000);

  it("delivers every committed event at least once, in order per twin", async () => {
    const receiver = await startWebhookReceiver();
    receiver.delayMs = 3;
    const dir = mkdtempSync(join(tmpdir(), "doppel-crash-"));
    const config = join(dir, "events.json");
    writeFileSync(
      config,
      JSON.stringify({
        endpoints: { sink: { kind: "webhook", url: receiver.url, retry: fastRetry } },
        routes: { everything: { endpointName: "sink", filter: "true" } },
      }),
    );
    const data = await openEventTestStore();
    const nodes: ClusterNode[] = [];
    const serve = async () => {
      const node = await startNode("crash", data.storeUrl, dir, ["--events-config", config]);
      nodes.push(node);
      return node;
    };
    try {
      const first = await serve();
      const before = makeChanges(1500, 10);
      await data.append(before);
      await eventually(
        () => receiver.received.length,
        (n) => n >= 300,
      );
      await stopNode(first, "SIGKILL");
      const atKill = new Set(receiver.received.map((r) => r.body)).size;
      expect(atKill).toBeLessThan(1500);
      const after = makeChanges(500, 10, 1500);
      await data.append(after); // committed while no server runs
      await serve();
      await eventually(
        () => new Set(receiver.received.map((r) => r.body)).size,
        (n) => n >= 2000,
        30_000,
      );
      expectEverythingInOrder(
        [...before, ...after],
        receiver.received.map((r) => changeOf(r.body)),
      );
    } finally {
      await Promise.all(nodes.map((node) => stopNode(node, "SIGKILL")));
      await data.close();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // Two server starts and 2,000 deliveries: some 20-35 s on a busy machine.
});
