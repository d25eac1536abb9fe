import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TokenBuckets } from "../../src/auth/tokenBuckets.js";
import type { TestServer } from "../support/testServer.js";
import { startTestServer } from "../support/testServer.js";
import { bearer, createTestIdp, startSecureServer, type TestIdp } from "./authSupport.js";

const v = "?api-version=2023-10-31";

describe("token buckets", () => {
  it("grants a burst of `capacity`, then refills at the rate and says how long to wait", () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    expect([1, 2, 3].map(() => buckets.take("k", 2, 3))).toEqual([0, 0, 0]);
    expect(buckets.take("k", 2, 3)).toBe(1);
    now += 500; // one token back at 2/s
    expect(buckets.take("k", 2, 3)).toBe(0);
    expect(buckets.take("k", 2, 3)).toBe(1);
    expect(buckets.take("other", 2, 3)).toBe(0);
    const slow = new TokenBuckets(() => now);
    slow.take("s", 0.1, 1);
    expect(slow.take("s", 0.1, 1)).toBe(10);
  });

  it("keeps memory bounded by forgetting refilled buckets", () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now, 10);
    for (let i = 0; i < 10; i++) buckets.take(`k${i}`, 1, 1);
    now += 5000;
    buckets.take("new", 1, 1);
    expect(buckets.size).toBe(1);
  });
});

describe("rate limits over HTTP", () => {
  let idp: TestIdp;
  let t: TestServer;
  let alice: Record<string, string>;
  let bob: Record<string, string>;

  beforeAll(async () => {
    idp = await createTestIdp();
    t = await startSecureServer(idp, { rateLimits: { perTwin: 2, burstSeconds: 1, perPrincipal: { read: 3 } } });
    alice = bearer(await idp.sign({ sub: "alice", groups: ["owners"] }));
    bob = bearer(await idp.sign({ sub: "bob", groups: ["owners"] }));
  });
  afterAll(async () => {
    await t.close();
  });

  it("throttles writes to one twin with ADT's twin-level 429 and Retry-After", async () => {
    const body = { $metadata: { $model: "dtmi:nowhere:X;1" } };
    // Validation fails (no such model) but each attempt still counts against the twin.
    expect((await t.request("PUT", `/digitaltwins/hot${v}`, { body, headers: alice })).status).toBe(400);
    expect((await t.request("PUT", `/digitaltwins/hot${v}`, { body, headers: bob })).status).toBe(400);
    const res = await t.request("PUT", `/digitaltwins/hot${v}`, { body, headers: alice });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.headers.get("x-ms-error-code")).toBe("TooManyRequests");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.text).toBe(
      '{"error":{"twinId":"hot","code":"TooManyRequests","message":"Operation could not be completed as too many requests to this twin have been made. Please check Retry-After header to retry request."}}',
    );
    expect((await t.request("PUT", `/digitaltwins/cold${v}`, { body, headers: alice })).status).toBe(400);
  });

  it("throttles one principal's reads without affecting another principal", async () => {
    const carol = bearer(await idp.sign({ sub: "carol", groups: ["owners"] }));
    for (let i = 0; i < 3; i++) {
      expect((await t.request("GET", `/digitaltwins/nothing${v}`, { headers: carol })).status).toBe(404);
    }
    const res = await t.request("GET", `/digitaltwins/nothing${v}`, { headers: carol });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.body).toEqual({
      error: {
        code: "TooManyRequests",
        message:
          "Too many requests from this caller: the limit is 3 per second for read operations. Please check Retry-After header to retry request.",
      },
    });
    const dave = bearer(await idp.sign({ sub: "dave", groups: ["owners"] }));
    expect((await t.request("GET", `/digitaltwins/nothing${v}`, { headers: dave })).status).toBe(404);
  });
});

describe("rate limit defaults", () => {
  it("are off in mode none (a loopback developer server) and may be turned on there", async () => {
    const off = await startTestServer();
    const on = await startTestServer({
      auth: { rateLimits: { enabled: true, perPrincipal: { models: 1 }, burstSeconds: 1 } },
    });
    try {
      expect(off.server.services.auth.rateLimits.enabled).toBe(false);
      expect(on.server.services.auth.rateLimits).toMatchObject({ enabled: true, perTwin: 100 });
      expect((await on.request("GET", `/models${v}`)).status).toBe(200);
      expect((await on.request("GET", `/models${v}`)).status).toBe(429);
    } finally {
      await off.close();
      await on.close();
    }
  });

  it("are at least ten times ADT's published limits when auth is on", async () => {
    const idp = await createTestIdp();
    const t = await startSecureServer(idp);
    try {
      expect(t.server.services.auth.rateLimits).toEqual({
        enabled: true,
        perPrincipal: {
          read: 10_000,
          patch: 10_000,
          createDelete: 5_000,
          query: 5_000,
          models: 1_000,
          eventRoutes: 1_000,
          jobs: 10,
          admin: 1_000,
        },
        perTwin: 100,
        burstSeconds: 2,
      });
    } finally {
      await t.close();
    }
  });
});
