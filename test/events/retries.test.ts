import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/events/delivery/backoff.js";
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

describe("backoff", () => {
  const policy = { maxAttempts: 10, maxAgeMs: 1000, initialDelayMs: 100, maxDelayMs: 1000 };

  it("doubles per attempt up to the cap, with half of it random", () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(policy, attempt, () => 1))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffDelay(policy, 1000, () => 0.5)).toBe(750);
  });
});

describe("retries and route changes", () => {
  it("retries at once when the endpoint is fixed, instead of waiting out the backoff", async () => {
    receiver.mode = "fail";
    await h.request("PUT", "/admin/endpoints/slow-retry", {
      body: { kind: "webhook", url: receiver.url, retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } },
    });
    await h.request("PUT", `/eventroutes/slow-retry?${v}`, { body: { endpointName: "slow-retry", filter: "true" } });
    await h.commit([{ twinId: "fixme", value: 1 }]);
    await eventually(
      async () => (await h.request("GET", "/metrics")).text,
      (text) => text.includes('doppel_events_retried_total{route="slow-retry",endpoint="slow-retry"} 1'),
    );
    receiver.mode = "ok";
    const patched = await h.request("PATCH", "/admin/endpoints/slow-retry", { body: { timeoutMs: 5000 } });
    expect(patched.status).toBe(200);
    await eventually(
      () => receiver.received.length,
      (n) => n === 1,
      3000,
    );
    await h.request("DELETE", `/eventroutes/slow-retry?${v}`);
  });

  it("redirects waiting events when the route is re-pointed at another endpoint", async () => {
    const other = await startWebhookReceiver();
    try {
      receiver.mode = "fail";
      receiver.received.length = 0;
      await h.request("PUT", "/admin/endpoints/dead", {
        body: { kind: "webhook", url: receiver.url, retry: { initialDelayMs: 20, maxDelayMs: 50 } },
      });
      await h.request("PUT", "/admin/endpoints/alive", { body: { kind: "webhook", url: other.url } });
      await h.request("PUT", `/eventroutes/moving?${v}`, { body: { endpointName: "dead", filter: "true" } });
      await h.commit([
        { twinId: "m", value: 1 },
        { twinId: "m", value: 2 },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await h.request("PUT", `/eventroutes/moving?${v}`, { body: { endpointName: "alive", filter: "true" } });
      await eventually(
        () => other.received.length,
        (n) => n >= 2,
      );
      expect(other.received.map((r) => JSON.parse(r.body).data.patch[0].value)).toEqual([1, 2]);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await h.request("DELETE", `/eventroutes/moving?${v}`);
      await other.close();
    }
  });

  it("a route deleted and created again starts after the latest commit, not from its old cursor", async () => {
    receiver.mode = "ok";
    receiver.received.length = 0;
    await h.request("PUT", "/admin/endpoints/again", { body: { kind: "webhook", url: receiver.url } });
    await h.request("PUT", `/eventroutes/again?${v}`, { body: { endpointName: "again", filter: "true" } });
    await h.commit([{ twinId: "first", value: 1 }]);
    await eventually(
      () => receiver.received.length,
      (n) => n === 1,
    );
    expect((await h.request("DELETE", `/eventroutes/again?${v}`)).status).toBe(204);
    await h.commit([{ twinId: "while-deleted", value: 2 }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await h.request("PUT", `/eventroutes/again?${v}`, { body: { endpointName: "again", filter: "true" } });
    await h.commit([{ twinId: "after", value: 3 }]);
    await eventually(
      () => receiver.received.length,
      (n) => n === 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received.map((r) => JSON.parse(r.body).subject)).toEqual(["first", "after"]);
  });

  it("a route with filter false delivers nothing but keeps up", async () => {
    receiver.received.length = 0;
    await h.request("PUT", `/eventroutes/off?${v}`, { body: { endpointName: "again", filter: "false" } });
    const [seq] = await h.commit([{ twinId: "x" }]);
    await eventually(
      () => h.store.events.getCursor("off"),
      (cursor) => cursor === seq,
    );
    // 'off' is past x, so it will never send it; 'again' (same endpoint) sends it once, in its own time.
    const viaAgain = () => receiver.received.filter((r) => JSON.parse(r.body).subject === "x").length;
    await eventually(viaAgain, (n) => n >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(viaAgain()).toBe(1);
  });
});
