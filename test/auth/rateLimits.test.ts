import { connect as tlsConnect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddressKey } from "../../src/auth/clientAddress.js";
import { streamAuthorizer } from "../../src/auth/streamAuthorizer.js";
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

  it("peeks without taking", () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    expect(buckets.peek("k", 1, 1)).toBe(0);
    expect(buckets.take("k", 1, 1)).toBe(0);
    expect(buckets.peek("k", 1, 1)).toBe(1);
    expect(buckets.peek("k", 1, 1)).toBe(1);
    now += 1000;
    expect(buckets.peek("k", 1, 1)).toBe(0);
    expect(buckets.take("k", 1, 1)).toBe(0);
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
        perIp: 20_000,
        perIpAuthFailures: 20,
        connectionsPerIp: 512,
        nodeHeartbeatMs: 2000,
      });
    } finally {
      await t.close();
    }
  });
});

describe("client address keys", () => {
  it("counts IPv4 addresses alone, IPv6 addresses by their /64, IPv4-mapped ones as IPv4", () => {
    expect(clientAddressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientAddressKey("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(clientAddressKey("2001:0db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientAddressKey("::1")).toBe("0:0:0:0::/64");
    expect(clientAddressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientAddressKey(undefined)).toBe("unknown");
  });
});

describe("per-address limits before authentication", () => {
  const throttled = (limit: string) => ({
    error: {
      code: "TooManyRequests",
      message: `Too many requests from this address: ${limit}. Please check Retry-After header to retry request.`,
    },
  });

  it("refuses a flood from one address with 429 and Retry-After, whatever its credentials", async () => {
    const idp = await createTestIdp();
    const t = await startSecureServer(idp, { rateLimits: { perIp: 3, burstSeconds: 1 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await t.request("GET", `/models${v}`)).status);
      expect(statuses).toEqual([401, 401, 401]);
      const res = await t.request("GET", `/models${v}`, { headers: bearer(await idp.sign({ groups: ["owners"] })) });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("1");
      expect(res.headers.get("x-ms-error-code")).toBe("TooManyRequests");
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.body).toEqual(throttled("the limit is 3 requests per second from one address"));
      // Public routes too: the bucket is drawn before the route is known to be public.
      expect((await t.request("GET", "/healthz")).status).toBe(429);
      // Refusals by address are not audited: a flood must not fill the log.
      await t.server.services.auth.audit.flush();
      const entries = await t.server.services.auth.store.readAudit({ limit: 1000 });
      expect(entries.map((e) => e.status)).toEqual([401, 401, 401]);
    } finally {
      await t.close();
    }
  });

  it("stops checking new JWT signatures from an address whose authentications keep failing", async () => {
    const idp = await createTestIdp();
    const t = await startSecureServer(idp, { rateLimits: { perIpAuthFailures: 2, burstSeconds: 1 } });
    try {
      const owners = { groups: ["owners"] };
      const known = bearer(await idp.sign({ ...owners, sub: "known" }));
      expect((await t.request("GET", `/models${v}`, { headers: known })).status).toBe(200);
      const key = await t.request("POST", "/admin/keys", { body: { name: "k" }, headers: known });
      expect(key.status).toBe(201);
      const forged = async () => bearer(await idp.sign(owners, { untrustedKey: true }));
      expect((await t.request("GET", `/models${v}`, { headers: await forged() })).status).toBe(401);
      expect((await t.request("GET", `/models${v}`, { headers: await forged() })).status).toBe(401);
      // The failure bucket is empty: a token whose signature would need checking is refused
      // before any check, a valid new one included.
      for (const headers of [await forged(), bearer(await idp.sign({ ...owners, sub: "new" }))]) {
        const res = await t.request("GET", `/models${v}`, { headers });
        expect(res.status).toBe(429);
        expect(res.headers.get("retry-after")).toBe("1");
        expect(res.body).toEqual(throttled("the limit is 2 failed authentications per second from one address"));
      }
      // What costs no signature check still goes through: a token verified before, API keys
      // (one hash), and requests without credentials (401 at once).
      expect((await t.request("GET", `/models${v}`, { headers: known })).status).toBe(200);
      expect((await t.request("GET", "/admin/whoami", { headers: bearer(key.body.key) })).status).toBe(200);
      expect((await t.request("GET", `/models${v}`)).status).toBe(401);
      // The bucket refills at its rate.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await t.request("GET", `/models${v}`, { headers: bearer(await idp.sign(owners)) })).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("applies to stream upgrades that pass their address to the stream authorizer (no Fastify hook sees them)", async () => {
    const idp = await createTestIdp();
    const t = await startSecureServer(idp, { rateLimits: { perIpAuthFailures: 1, burstSeconds: 1 } });
    try {
      const authorize = streamAuthorizer(t.server.services.auth);
      const forged = async () => ({ authorization: `Bearer ${await idp.sign({}, { untrustedKey: true })}` });
      const code = (promise: Promise<unknown>) =>
        promise.then(
          () => "granted",
          (error: { code: string }) => error.code,
        );
      expect(await code(authorize({ headers: await forged(), remoteAddress: "198.51.100.7" }))).toBe("Unauthorized");
      expect(await code(authorize({ headers: await forged(), remoteAddress: "198.51.100.7" }))).toBe("TooManyRequests");
      expect(await code(authorize({ headers: await forged(), remoteAddress: "198.51.100.8" }))).toBe("Unauthorized");
      // Without an address (SSE, which the hooks already limited) the authorizer does not count again.
      expect(await code(authorize({ headers: await forged() }))).toBe("Unauthorized");
      const owner = { authorization: `Bearer ${await idp.sign({ groups: ["owners"] })}` };
      expect(await code(authorize({ headers: owner, remoteAddress: "198.51.100.8" }))).toBe("TooManyRequests");
      expect(await code(authorize({ headers: owner, remoteAddress: "198.51.100.9" }))).toBe("granted");
    } finally {
      await t.close();
    }
  });

  it("closes connections over the per-address cap as soon as they are accepted", async () => {
    const idp = await createTestIdp();
    const t = await startSecureServer(idp, { rateLimits: { connectionsPerIp: 2 } });
    const port = Number(new URL(t.url).port);
    const open = () =>
      new Promise<{ socket: ReturnType<typeof tlsConnect>; ok: boolean }>((resolve) => {
        const socket = tlsConnect({ host: "127.0.0.1", port, rejectUnauthorized: false });
        socket.once("secureConnect", () => resolve({ socket, ok: true }));
        socket.once("error", () => resolve({ socket, ok: false }));
        socket.once("close", () => resolve({ socket, ok: false }));
      });
    const first = await open();
    const second = await open();
    try {
      expect([first.ok, second.ok]).toEqual([true, true]);
      expect(t.server.services.auth.connections.count("127.0.0.1")).toBe(2);
      const third = await open();
      expect(third.ok).toBe(false);
      first.socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const fourth = await open();
      expect(fourth.ok).toBe(true);
      fourth.socket.destroy();
    } finally {
      first.socket.destroy();
      second.socket.destroy();
      await t.close();
    }
  });
});
