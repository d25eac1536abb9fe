import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { describe, expect, it } from "vitest";
import { authOptionsFromCli } from "../../src/auth/authCliOptions.js";
import type { AuthOptions } from "../../src/auth/authOptions.js";
import { parseIpAddress } from "../../src/auth/parseIpAddress.js";
import type { TestServer } from "../support/testServer.js";
import {
  type SocketAnswer as Answer,
  bearer,
  createTestIdp,
  secureAuthOptions,
  sendFrom,
  type TestIdp,
  unauthorizedBody,
  upgradeFrom,
  withServer,
} from "./authSupport.js";

/**
 * Per-address limits behind a reverse proxy (`--trust-proxy`), over real TLS sockets. The loopback
 * range plays every part: a socket bound to 127.0.0.1 (or .2) is the proxy or a direct client, and
 * the addresses it forwards are only text in its headers (nothing is sent to them).
 */

const models = "/models?api-version=2023-10-31";

/** One request for the models on a fresh connection from `from`, with exactly the headers given. */
const send = (t: TestServer, headers: Record<string, string> = {}, from = "127.0.0.1") =>
  sendFrom(t, { path: models, headers, from });

/** The WebSocket upgrade from 127.0.0.1. */
const upgrade = (t: TestServer, headers: Record<string, string>) => upgradeFrom(t, headers);

const statusesOf = async (answers: Promise<Answer>[]) => (await Promise.all(answers)).map((answer) => answer.status);

/** Sends one after another (the buckets are drawn in order). */
async function statuses(t: TestServer, requests: readonly [Record<string, string>, string?][]): Promise<number[]> {
  const result: number[] = [];
  for (const [headers, from] of requests) result.push((await send(t, headers, from)).status);
  return result;
}

/** The HTTP path's 401 (ADT answers 401 without its error envelope). */
const unauthorizedText = JSON.stringify(unauthorizedBody);
const throttledText = (limit: string) =>
  `{"error":{"code":"TooManyRequests","message":"Too many requests from this address: ${limit}. Please check Retry-After header to retry request."}}`;
/** perIp 1 a second with 3 seconds of burst: three requests pass, the fourth waits a second. */
const perIpLimits = { perIp: 1, burstSeconds: 3 };
const perIpText = throttledText("the limit is 1 requests per second from one address");

/** Asserts the exact 429 the per-address request limit answers (the HTTP path's headers and body). */
function expectThrottled(answer: Answer, text = perIpText): void {
  expect({ status: answer.status, text: answer.text }).toEqual({ status: 429, text });
  expect(answer.headers["retry-after"]).toBe("1");
  expect(answer.headers["x-ms-error-code"]).toBe("TooManyRequests");
  expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
}

/** A secure server with these rate limits. */
const limited = (idp: TestIdp, rateLimits: NonNullable<AuthOptions["rateLimits"]>) => ({
  auth: secureAuthOptions(idp, { rateLimits }),
});

/** `--auth-config <file with these rate limits>` plus the flags given, as `doppel serve` reads them. */
function fromCli(
  idp: TestIdp,
  rateLimits: NonNullable<AuthOptions["rateLimits"]>,
  flags: { "trust-proxy"?: string; "trust-proxy-header"?: string },
): { auth: AuthOptions } {
  const dir = mkdtempSync(join(tmpdir(), "doppel-trust-proxy-"));
  try {
    const config = join(dir, "auth.json");
    writeFileSync(config, JSON.stringify(secureAuthOptions(idp, { rateLimits })));
    return { auth: authOptionsFromCli({ "auth-config": config, ...flags }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const xff = (value: string) => ({ "x-forwarded-for": value });

describe("per-address limits with no trusted proxy (the default)", () => {
  it("count the TCP peer, whatever X-Forwarded-For or Forwarded claims", async () => {
    const idp = await createTestIdp();
    await withServer(limited(idp, perIpLimits), async (t) => {
      expect(t.server.services.auth.proxies).toBeNull();
      expect(
        await statuses(t, [[xff("198.51.100.1")], [xff("198.51.100.2")], [{ forwarded: "for=198.51.100.3" }]]),
      ).toEqual([401, 401, 401]);
      expectThrottled(await send(t, xff("198.51.100.4")));
      // Another peer has a bucket of its own.
      expect((await send(t, xff("198.51.100.1"), "127.0.0.2")).status).toBe(401);
    });
  });
});

describe("per-address limits behind a trusted proxy", () => {
  it("ignore the forwarded headers of a peer that is not trusted: the limit still hits the peer", async () => {
    const idp = await createTestIdp();
    // Only 127.0.0.2 is the proxy; 127.0.0.1 is a client connecting directly and spoofing.
    await withServer(limited(idp, { ...perIpLimits, trustProxy: "127.0.0.2" }), async (t) => {
      expect(
        await statuses(t, [[xff("198.51.100.1")], [xff("198.51.100.1")], [{ forwarded: "for=198.51.100.1" }]]),
      ).toEqual([401, 401, 401]);
      expectThrottled(await send(t, xff("198.51.100.2")));
      expectThrottled(await send(t, {}));
      // The spoofed requests drew nothing from 198.51.100.1's bucket: through the proxy it has all three.
      expect(
        await statuses(t, [
          [xff("198.51.100.1"), "127.0.0.2"],
          [xff("198.51.100.1"), "127.0.0.2"],
          [xff("198.51.100.1"), "127.0.0.2"],
        ]),
      ).toEqual([401, 401, 401]);
      expectThrottled(await send(t, xff("198.51.100.1"), "127.0.0.2"));
    });
  });

  it("with --trust-proxy loopback, give two clients behind the proxy separate limits", async () => {
    const idp = await createTestIdp();
    await withServer(fromCli(idp, perIpLimits, { "trust-proxy": "loopback" }), async (t) => {
      expect(t.server.services.auth.rateLimits).toMatchObject(perIpLimits);
      expect(t.server.services.auth.proxies?.trusts(parseIpAddress("127.255.0.1")!)).toBe(true);
      expect(t.server.services.auth.proxies?.header).toBe("x-forwarded-for");
      const a = xff("203.0.113.10");
      const b = xff("203.0.113.11");
      const first = await Promise.all([send(t, a), send(t, a), send(t, a)]);
      expect(first.map((answer) => [answer.status, answer.text])).toEqual([
        [401, unauthorizedText],
        [401, unauthorizedText],
        [401, unauthorizedText],
      ]);
      expectThrottled(await send(t, a));
      // Client b, behind the same proxy, is not limited; nor is the proxy itself.
      const other = await send(t, b);
      expect({ status: other.status, text: other.text }).toEqual({ status: 401, text: unauthorizedText });
      expect(other.headers["retry-after"]).toBeUndefined();
      expect((await send(t, {})).status).toBe(401);
      // Any address of the range is the proxy: a hop through 127.0.0.2 is client a still.
      expectThrottled(await send(t, a, "127.0.0.2"));
      const owner = bearer(await idp.sign({ groups: ["owners"] }));
      expect((await send(t, { ...b, ...owner })).status).toBe(200);
      expect((await send(t, { ...b, ...owner })).status).toBe(200);
      expectThrottled(await send(t, { ...b, ...owner }));
    });
  });

  it("count failed authentications per forwarded client", async () => {
    const idp = await createTestIdp();
    const limits = { perIpAuthFailures: 1, burstSeconds: 2, trustProxy: "loopback" };
    await withServer(limited(idp, limits), async (t) => {
      const forged = async () => bearer(await idp.sign({ groups: ["owners"] }, { untrustedKey: true }));
      const a = xff("203.0.113.20");
      expect(await statuses(t, [[{ ...a, ...(await forged()) }], [{ ...a, ...(await forged()) }]])).toEqual([401, 401]);
      const refused = await send(t, { ...a, ...bearer(await idp.sign({ groups: ["owners"] })) });
      expectThrottled(refused, throttledText("the limit is 1 failed authentications per second from one address"));
      // Another client behind the proxy still gets its signatures checked.
      expect((await send(t, { ...xff("203.0.113.21"), ...(await forged()) })).status).toBe(401);
      expect(
        (await send(t, { ...xff("203.0.113.22"), ...bearer(await idp.sign({ groups: ["owners"] })) })).status,
      ).toBe(200);
    });
  });

  it("take the rightmost hop no trusted proxy vouches for, or the leftmost when all are trusted", async () => {
    const idp = await createTestIdp();
    // 198.51.100.0/24 is an inner proxy tier in front of the loopback one.
    await withServer(limited(idp, { ...perIpLimits, trustProxy: "loopback, 198.51.100.0/24" }), async (t) => {
      // The client claims 203.0.113.99; the edge proxy saw 203.0.113.5 and appended it.
      const chain = xff("203.0.113.99, 203.0.113.5, 198.51.100.7");
      expect(await statusesOf([send(t, chain), send(t, chain), send(t, chain)])).toEqual([401, 401, 401]);
      expectThrottled(await send(t, xff("203.0.113.5")));
      expect((await send(t, xff("203.0.113.99"))).status).toBe(401);
      // All trusted: the leftmost is the client.
      const inner = xff("198.51.100.1, 198.51.100.2");
      expect(await statusesOf([send(t, inner), send(t, inner), send(t, inner)])).toEqual([401, 401, 401]);
      expectThrottled(await send(t, xff("198.51.100.1")));
      expect((await send(t, xff("198.51.100.2"))).status).toBe(401);
    });
  });

  it("read only X-Forwarded-For by default: a Forwarded header a proxy passed on from the client counts as the peer", async () => {
    const idp = await createTestIdp();
    await withServer(limited(idp, { ...perIpLimits, trustProxy: "loopback" }), async (t) => {
      expect(t.server.services.auth.proxies?.header).toBe("x-forwarded-for");
      // Each claims a fresh address; none gets one.
      const claims = ["for=198.51.100.1", "for=198.51.100.2", 'for="[2001:db8::1]"'];
      expect(
        await statuses(
          t,
          claims.map((forwarded) => [{ forwarded }]),
        ),
      ).toEqual([401, 401, 401]);
      expectThrottled(await send(t, { forwarded: "for=198.51.100.4" }));
      expectThrottled(await send(t, {}));
      // X-Forwarded-For, which the proxy writes, still names the client.
      expect((await send(t, { ...xff("198.51.100.1"), forwarded: "for=198.51.100.5" })).status).toBe(401);
    });
  });

  it("with --trust-proxy-header forwarded, read only Forwarded: X-Forwarded-For counts as the peer, with or without Forwarded beside it", async () => {
    const idp = await createTestIdp();
    const options = fromCli(idp, perIpLimits, { "trust-proxy": "loopback", "trust-proxy-header": "forwarded" });
    await withServer(options, async (t) => {
      expect(t.server.services.auth.proxies?.header).toBe("forwarded");
      const spoofed = [xff("203.0.113.60"), xff("203.0.113.61"), xff("203.0.113.62")];
      expect(
        await statuses(
          t,
          spoofed.map((headers) => [headers]),
        ),
      ).toEqual([401, 401, 401]);
      expectThrottled(await send(t, xff("203.0.113.63")));
      expectThrottled(await send(t, {}));
      // Both: Forwarded names the client, the peer's empty bucket does not matter.
      const both = { ...xff("203.0.113.64"), forwarded: "for=203.0.113.70" };
      expect(await statuses(t, [[both], [both], [both]])).toEqual([401, 401, 401]);
      expectThrottled(await send(t, { forwarded: "for=203.0.113.70" }));
      expect((await send(t, { ...xff("203.0.113.70"), forwarded: "for=203.0.113.71" })).status).toBe(401);
    });
  });

  it('read Forwarded: for="[2001:db8::1]:443" and count it by its /64 like other IPv6', async () => {
    const idp = await createTestIdp();
    const rateLimits = { ...perIpLimits, trustProxy: "loopback", trustProxyHeader: "forwarded" };
    await withServer(limited(idp, rateLimits), async (t) => {
      const sent = [
        { forwarded: 'for="[2001:db8::1]:443"' },
        { forwarded: 'for=198.51.100.9;proto=https, for="[2001:db8::abcd]";by=127.0.0.1' },
        { forwarded: 'for="[2001:DB8:0:0:ffff::1]:50000"' },
      ];
      expect(
        await statuses(
          t,
          sent.map((headers) => [headers]),
        ),
      ).toEqual([401, 401, 401]);
      expectThrottled(await send(t, { forwarded: 'for="[2001:db8::2]"' }));
      // Another /64 is another client; X-Forwarded-For is not read.
      expect((await send(t, { forwarded: 'for="[2001:db8:0:1::1]:443"' })).status).toBe(401);
      expectThrottled(await send(t, { ...xff("203.0.113.30"), forwarded: 'for="[2001:db8::1]"' }));
    });
  });

  it("count a request whose forwarded hops cannot be read as the peer's, never failing it", async () => {
    const idp = await createTestIdp();
    await withServer(limited(idp, { ...perIpLimits, trustProxy: "loopback" }), async (t) => {
      const malformed = [xff("not-an-address"), xff("203.0.113.40, 203.0.113.41:99999"), xff("[2001:db8::1]:443x")];
      const answers = await Promise.all(malformed.map((headers) => send(t, headers)));
      expect(answers.map((answer) => [answer.status, answer.text])).toEqual([
        [401, unauthorizedText],
        [401, unauthorizedText],
        [401, unauthorizedText],
      ]);
      // They drew from the peer's bucket: the proxy's own requests are limited now ...
      expectThrottled(await send(t, {}));
      expectThrottled(await send(t, xff("unknown")));
      expectThrottled(await send(t, xff("")));
      // ... and well-formed forwarded clients are not, including one a client prefixed with garbage.
      expect((await send(t, xff("203.0.113.40"))).status).toBe(401);
      expect((await send(t, xff("garbage, 203.0.113.41"))).status).toBe(401);
    });
  });

  it("exempt a trusted proxy peer from the connection limit, and only it", async () => {
    const idp = await createTestIdp();
    await withServer(limited(idp, { connectionsPerIp: 2, trustProxy: "127.0.0.1" }), async (t) => {
      const port = Number(new URL(t.url).port);
      const sockets: ReturnType<typeof tlsConnect>[] = [];
      const open = (from: string) =>
        new Promise<boolean>((resolve) => {
          // (tls.connect's options do not type localAddress: bind the TCP socket first.)
          const socket = tlsConnect({
            socket: netConnect({ host: "127.0.0.1", port, localAddress: from }),
            rejectUnauthorized: false,
          });
          sockets.push(socket);
          socket.once("secureConnect", () => resolve(true));
          socket.once("error", () => resolve(false));
          socket.once("close", () => resolve(false));
        });
      try {
        const proxy = [];
        for (let i = 0; i < 5; i++) proxy.push(await open("127.0.0.1"));
        expect(proxy).toEqual([true, true, true, true, true]);
        expect(t.server.services.auth.connections.count("127.0.0.1")).toBe(0);
        const direct = [await open("127.0.0.2"), await open("127.0.0.2"), await open("127.0.0.2")];
        expect(direct).toEqual([true, true, false]);
        expect(t.server.services.auth.connections.count("127.0.0.2")).toBe(2);
      } finally {
        for (const socket of sockets) socket.destroy();
      }
    });
  });

  it("resolve WebSocket upgrades the same way, sharing the HTTP path's buckets", async () => {
    const idp = await createTestIdp();
    const limits = { perIpAuthFailures: 1, burstSeconds: 2, trustProxy: "loopback" };
    await withServer(limited(idp, limits), async (t) => {
      const forged = async () => bearer(await idp.sign({ groups: ["owners"] }, { untrustedKey: true }));
      const a = xff("203.0.113.50");
      expect([(await upgrade(t, { ...a, ...(await forged()) })).status]).toEqual([401]);
      expect([(await upgrade(t, { ...a, ...(await forged()) })).status]).toEqual([401]);
      const refused = await upgrade(t, { ...a, ...(await forged()) });
      expectThrottled(refused, throttledText("the limit is 1 failed authentications per second from one address"));
      expectThrottled(
        await send(t, { ...a, ...(await forged()) }),
        throttledText("the limit is 1 failed authentications per second from one address"),
      );
      // Another client behind the proxy opens its stream.
      expect(
        (await upgrade(t, { ...xff("203.0.113.51"), ...bearer(await idp.sign({ groups: ["owners"] })) })).status,
      ).toBe(101);
      expect((await upgrade(t, { ...xff("203.0.113.52"), ...(await forged()) })).status).toBe(401);
    });
  });
});
