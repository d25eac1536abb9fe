import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhookReceiver.js";

const v = "api-version=2023-10-31";
const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

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

interface Delivery {
  status: string;
  routes: string[];
  lastSuccessTime: string | null;
  lastErrorTime: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  backlog: number;
}

async function delivery(name: string): Promise<Delivery> {
  const res = await h.request("GET", `/admin/endpoints/${name}`);
  expect(res.status).toBe(200);
  return res.body.delivery as Delivery;
}

/** Changing the definition retries what waits at once (the backoff here is minutes long). */
async function nudge(name: string, timeoutMs: number): Promise<void> {
  const res = await h.request("PATCH", `/admin/endpoints/${name}`, { body: { timeoutMs } });
  expect(res.status).toBe(200);
}

describe("the delivery state of an endpoint", () => {
  it("goes healthy → retrying → failing while the receiver is down, and healthy once it is back", async () => {
    const slowRetry = { maxAttempts: 1000, initialDelayMs: 600_000, maxDelayMs: 600_000 };
    const put = await h.request("PUT", "/admin/endpoints/flaky", {
      body: { kind: "webhook", url: receiver.url, retry: slowRetry },
    });
    expect(put.status).toBe(201);
    expect(put.body.delivery).toBeUndefined();
    const idle = {
      status: "disabled",
      routes: [],
      lastSuccessTime: null,
      lastErrorTime: null,
      lastError: null,
      consecutiveFailures: 0,
      backlog: 0,
    };
    expect(await delivery("flaky")).toEqual(idle);
    const route = await h.request("PUT", `/eventroutes/flaky?${v}`, {
      body: { endpointName: "flaky", filter: "subject != 'doomed'" },
    });
    expect(route.status).toBe(204);
    expect(
      await eventually(
        () => delivery("flaky"),
        (d) => d.status !== "standby",
      ),
    ).toEqual({ ...idle, status: "healthy", routes: ["flaky"] });

    receiver.mode = "fail";
    await h.commit([{ twinId: "pump-1" }, { twinId: "pump-2" }]);
    const error = `HTTP 503 from ${receiver.url}`;
    const retrying = await eventually(
      () => delivery("flaky"),
      (d) => d.consecutiveFailures === 1,
    );
    expect(retrying).toEqual({
      status: "retrying",
      routes: ["flaky"],
      lastSuccessTime: null,
      lastErrorTime: expect.stringMatching(iso),
      lastError: error,
      consecutiveFailures: 1,
      backlog: 2,
    });
    // Each change of the definition retries at once; count the failures seen rather than assume
    // exactly one per change.
    let failures = 1;
    for (let timeoutMs = 9000; failures < 3; timeoutMs -= 100) {
      await nudge("flaky", timeoutMs);
      const seen = failures;
      const state = await eventually(
        () => delivery("flaky"),
        (d) => d.consecutiveFailures > seen,
      );
      failures = state.consecutiveFailures;
      expect(state.status).toBe(failures < 3 ? "retrying" : "failing");
    }
    const failing = await delivery("flaky");
    expect(failing).toEqual({
      ...retrying,
      status: "failing",
      consecutiveFailures: failing.consecutiveFailures,
      lastErrorTime: failing.lastErrorTime,
    });
    expect(failing.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(Date.parse(failing.lastErrorTime!)).toBeGreaterThanOrEqual(Date.parse(retrying.lastErrorTime!));
    expect(receiver.received).toHaveLength(0);

    receiver.mode = "ok";
    await nudge("flaky", 7000);
    const back = await eventually(
      () => delivery("flaky"),
      (d) => d.status === "healthy" && d.backlog === 0,
    );
    expect(back).toEqual({
      status: "healthy",
      routes: ["flaky"],
      lastSuccessTime: expect.stringMatching(iso),
      lastErrorTime: failing.lastErrorTime,
      lastError: error,
      consecutiveFailures: 0,
      backlog: 0,
    });
    expect(Date.parse(back.lastSuccessTime!)).toBeGreaterThanOrEqual(Date.parse(failing.lastErrorTime!));
    expect(receiver.received.map((r) => JSON.parse(r.body).subject).sort()).toEqual(["pump-1", "pump-2"]);
    const list = await h.request("GET", "/admin/endpoints");
    expect(list.body.value.find((e: { name: string }) => e.name === "flaky").delivery).toEqual(back);
  });

  it("is failing at once when its retry policy gave up on an event (dead-lettered)", async () => {
    const failing = await startWebhookReceiver();
    failing.mode = "fail";
    try {
      await h.request("PUT", "/admin/endpoints/doomed", {
        body: { kind: "webhook", url: failing.url, retry: { maxAttempts: 1 } },
      });
      await h.request("PUT", `/eventroutes/doomed?${v}`, {
        body: { endpointName: "doomed", filter: "subject = 'doomed'" },
      });
      await eventually(
        () => delivery("doomed"),
        (d) => d.status === "healthy",
      );
      await h.commit([{ twinId: "doomed" }]);
      const state = await eventually(
        () => delivery("doomed"),
        (d) => d.consecutiveFailures === 1 && d.backlog === 0,
      );
      expect(state).toEqual({
        status: "failing",
        routes: ["doomed"],
        lastSuccessTime: null,
        lastErrorTime: expect.stringMatching(iso),
        lastError: `HTTP 503 from ${failing.url}`,
        consecutiveFailures: 1,
        backlog: 0,
      });
      const letters = await h.request("GET", "/admin/deadletters?endpoint=doomed");
      expect(letters.body.value).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });
});
