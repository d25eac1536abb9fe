import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhookReceiver.js";

const v = "api-version=2023-10-31";
let h: EventHarness;
let receiver: WebhookReceiver;

beforeAll(async () => {
  h = await startEventHarness();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

async function deadLetters(query = ""): Promise<any> {
  return (await h.request("GET", `/admin/deadletters${query}`)).body;
}

describe("dead letters", () => {
  it("stores events that exhausted their attempts; list, inspect, replay, delete", async () => {
    receiver.mode = "fail";
    await h.request("PUT", "/admin/endpoints/flaky", {
      body: { kind: "webhook", url: receiver.url, retry: { maxAttempts: 3, initialDelayMs: 5, maxDelayMs: 10 } },
    });
    await h.request("PUT", `/eventroutes/to-flaky?${v}`, { body: { endpointName: "flaky", filter: "true" } });
    const seqs = await h.commit([
      { twinId: "a", value: 1 },
      { twinId: "b", value: 2 },
      { twinId: "a", value: 3 },
    ]);
    const listed = await eventually(
      () => deadLetters(),
      (body) => body.value.length === 3,
    );
    const raw = await Promise.all(seqs.map(async (seq) => (await h.store.events.readOutbox(seq - 1, 1))[0]!.event));
    expect(listed.nextLink).toBeNull();
    expect(listed.value.map((l: any) => [l.seq, l.twinId, l.attempts])).toEqual([
      [seqs[0], "a", 3],
      [seqs[1], "b", 3],
      [seqs[2], "a", 3],
    ]);
    const first = listed.value[0];
    expect(first).toEqual({
      id: first.id,
      routeId: "to-flaky",
      endpointName: "flaky",
      seq: seqs[0],
      twinId: "a",
      type: "Microsoft.DigitalTwins.Twin.Update",
      attempts: 3,
      lastError: `HTTP 503 from ${receiver.url}`,
      firstAttemptTime: first.firstAttemptTime,
      deadLetteredTime: first.deadLetteredTime,
    });
    expect(Date.parse(first.deadLetteredTime)).toBeGreaterThanOrEqual(Date.parse(first.firstAttemptTime));

    const inspected = await h.request("GET", `/admin/deadletters/${first.id}`);
    expect(inspected.status).toBe(200);
    expect(inspected.body).toEqual({ ...first, event: JSON.parse(raw[0]!) });

    // Paging.
    const page = await deadLetters("?limit=2");
    expect(page.value).toHaveLength(2);
    expect(page.nextLink).toBe(`https://${new URL(h.url).host}/admin/deadletters?after=${listed.value[1].id}&limit=2`);
    expect((await deadLetters(`?after=${listed.value[1].id}&limit=2`)).value.map((l: any) => l.id)).toEqual([
      listed.value[2].id,
    ]);
    expect((await deadLetters("?endpoint=nobody")).value).toEqual([]);

    // Replay while the endpoint still fails: 503, and the letter stays.
    const refused = await h.request("POST", `/admin/deadletters/${first.id}/replay`);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      error: {
        code: "ServiceUnavailable",
        message: `Dead letter ${first.id} could not be delivered to 'flaky': HTTP 503 from ${receiver.url}`,
      },
    });
    expect((await deadLetters()).value).toHaveLength(3);

    receiver.mode = "ok";
    const replayed = await h.request("POST", `/admin/deadletters/${first.id}/replay`);
    expect(replayed.status).toBe(204);
    expect(receiver.received.map((r) => r.body)).toEqual([raw[0]]);
    expect((await h.request("GET", `/admin/deadletters/${first.id}`)).status).toBe(404);

    const deleted = await h.request("DELETE", `/admin/deadletters/${listed.value[1].id}`);
    expect(deleted.status).toBe(204);
    const all = await h.request("POST", "/admin/deadletters/replay?endpoint=flaky");
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ replayed: 1, remaining: 0 });
    expect(receiver.received.map((r) => r.body)).toEqual([raw[0], raw[2]]);
    expect((await deadLetters()).value).toEqual([]);

    const metrics = (await h.request("GET", "/metrics")).text;
    expect(metrics).toContain('doppel_events_dead_lettered_total{route="to-flaky",endpoint="flaky"} 3');
    expect(metrics).toContain('doppel_events_retried_total{route="to-flaky",endpoint="flaky"} 6');
    expect(metrics).toContain('doppel_events_delivered_total{route="to-flaky",endpoint="flaky"} 2');
    expect(metrics).toContain("doppel_events_dead_letters 0\n");
    await h.request("DELETE", `/eventroutes/to-flaky?${v}`);
  });

  it("dead-letters by age as well as by attempts", async () => {
    receiver.mode = "fail";
    await h.request("PUT", "/admin/endpoints/aging", {
      body: {
        kind: "webhook",
        url: receiver.url,
        retry: { maxAttempts: 1000, maxAgeMs: 150, initialDelayMs: 20, maxDelayMs: 40 },
      },
    });
    await h.request("PUT", `/eventroutes/to-aging?${v}`, { body: { endpointName: "aging", filter: "true" } });
    await h.commit([{ twinId: "old" }]);
    const listed = await eventually(
      () => deadLetters("?endpoint=aging"),
      (body) => body.value.length === 1,
    );
    expect(listed.value[0].attempts).toBeGreaterThan(1);
    expect(listed.value[0].attempts).toBeLessThan(20);
    await h.request("DELETE", `/eventroutes/to-aging?${v}`);
  });

  it("answers 404 DeadLetterNotFound for unknown or malformed ids, 400 for bad paging", async () => {
    for (const [method, path] of [
      ["GET", "/admin/deadletters/999999"],
      ["GET", "/admin/deadletters/abc"],
      ["DELETE", "/admin/deadletters/999999"],
      ["POST", "/admin/deadletters/999999/replay"],
    ] as const) {
      const res = await h.request(method, path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("DeadLetterNotFound");
    }
    expect((await h.request("GET", "/admin/deadletters?limit=0")).status).toBe(400);
    expect((await h.request("GET", "/admin/deadletters?after=-1")).status).toBe(400);
  });
});

describe("metrics", () => {
  it("exposes counters and lag gauges in the Prometheus text format", async () => {
    receiver.mode = "hang";
    await h.request("PUT", "/admin/endpoints/stuck", {
      body: { kind: "webhook", url: receiver.url, timeoutMs: 60_000 },
    });
    await h.request("PUT", `/eventroutes/to-stuck?${v}`, { body: { endpointName: "stuck", filter: "true" } });
    await h.commit([{ twinId: "x" }, { twinId: "y" }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const res = await h.request("GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.text).toContain("# TYPE doppel_events_delivered_total counter\n");
    expect(res.text).toContain("# TYPE doppel_events_route_lag_events gauge\n");
    expect(res.text).toContain('doppel_events_route_lag_events{route="to-stuck",endpoint="stuck"} 2\n');
    expect(res.text).toMatch(/doppel_events_route_lag_seconds\{route="to-stuck",endpoint="stuck"\} 0\.[0-9]+\n/);
    const latest = await h.store.events.latestSeq();
    expect(res.text).toContain(`doppel_events_outbox_latest_seq ${latest}\n`);
    await h.request("DELETE", `/eventroutes/to-stuck?${v}`);
  });
});

describe("outbox retention", () => {
  it("trims only what every route has handled, after the retention window", async () => {
    const t = await startEventHarness({ events: { retentionMs: 0, dispatch: true } });
    const slow = await startWebhookReceiver();
    try {
      slow.mode = "fail";
      await t.request("PUT", "/admin/endpoints/slow", {
        body: { kind: "webhook", url: slow.url, retry: { initialDelayMs: 10, maxDelayMs: 20, maxAttempts: 100000 } },
      });
      await t.request("PUT", "/admin/endpoints/fast", { body: { kind: "webhook", url: receiver.url } });
      receiver.mode = "ok";
      await t.request("PUT", `/eventroutes/slow?${v}`, { body: { endpointName: "slow", filter: "true" } });
      await t.request("PUT", `/eventroutes/fast?${v}`, { body: { endpointName: "fast", filter: "true" } });
      const seqs = await t.commit([{ twinId: "a" }, { twinId: "b" }, { twinId: "c" }]);
      await eventually(
        () => t.store.events.getCursor("fast"),
        (c) => c === seqs[2],
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await t.events.dispatcher.trim()).toBe(0);
      expect(await t.store.events.oldestSeq()).toBe(seqs[0]);
      slow.mode = "ok";
      await eventually(
        () => t.store.events.getCursor("slow"),
        (c) => c === seqs[2],
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await t.events.dispatcher.trim()).toBe(3);
      expect(await t.store.events.oldestSeq()).toBeUndefined();
      expect(await t.store.events.latestSeq()).toBe(seqs[2]);
    } finally {
      await t.close();
      await slow.close();
    }
  });
});
