import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/testServer.js";
import {
  bearer,
  createTestIdp,
  type SocketAnswer as Refusal,
  startSecureServer,
  type TestIdp,
  upgradeFrom,
} from "./authSupport.js";

/**
 * The WebSocket upgrade never passes through the Fastify hooks that apply the per-address limits
 * to HTTP requests; the stream authorizer applies them when the upgrade hands it the client's
 * address. A client flooding upgrades with bad JWTs must be stopped before its signatures are
 * checked, as on the HTTP path, with the same answer.
 */

const throttledText =
  '{"error":{"code":"TooManyRequests","message":"Too many requests from this address: the limit is 1 failed ' +
  'authentications per second from one address. Please check Retry-After header to retry request."}}';

let idp: TestIdp;
let t: TestServer;

beforeAll(async () => {
  idp = await createTestIdp();
  // A budget of 2 failed authentications (1 a second, 2 seconds of burst); everything else unlimited enough.
  t = await startSecureServer(idp, { rateLimits: { perIpAuthFailures: 1, burstSeconds: 2 } });
});
afterAll(async () => {
  await t?.close();
});

/** Attempts the WebSocket upgrade from `localAddress`; answers the refusal (status 101 when it opened). */
const upgrade = (headers: Record<string, string>, localAddress = "127.0.0.1") => upgradeFrom(t, headers, localAddress);

const forged = async () => bearer(await idp.sign({ groups: ["owners"] }, { untrustedKey: true }));

describe("per-address limits on WebSocket stream upgrades", () => {
  it("refuses a flood of upgrades with bad JWTs from one address with the HTTP path's 429, once its failure budget is spent", async () => {
    // Upgrades one after another until the first refusal by address. The budget refills at 1 a
    // second, so on a slow machine a third failure may still be let through; never a twentieth.
    const flood: Refusal[] = [];
    while (flood.length < 20 && flood.at(-1)?.status !== 429) flood.push(await upgrade(await forged()));
    const refused = flood.pop()!;
    expect(flood.length).toBeGreaterThanOrEqual(2);
    for (const failed of flood) {
      expect(failed.status).toBe(401);
      expect(failed.text).toBe('{"error":{"code":"Unauthorized","message":"Unauthorized"}}');
    }
    expect(refused.status).toBe(429);
    expect(refused.text).toBe(throttledText);
    expect(refused.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(refused.headers["x-ms-error-code"]).toBe("TooManyRequests");
    expect(refused.headers["retry-after"]).toBe("1");

    // A valid new token needs a signature check too: refused before it, like the forged ones.
    const fresh = await upgrade(bearer(await idp.sign({ groups: ["owners"] })));
    expect(fresh.status).toBe(429);
    expect(fresh.text).toBe(throttledText);
    // The budget is the address's, shared with the HTTP path, which answers the same.
    const http = await t.request("GET", "/models?api-version=2023-10-31", { headers: await forged() });
    expect(http.status).toBe(429);
    expect(http.text).toBe(throttledText);
    expect(http.headers.get("content-type")).toBe(refused.headers["content-type"]);
    expect(http.headers.get("x-ms-error-code")).toBe(refused.headers["x-ms-error-code"]);
    expect(http.headers.get("retry-after")).toBe(refused.headers["retry-after"]);
    // Another address has a budget of its own (IPv4 addresses count one by one).
    expect((await upgrade(await forged(), "127.0.0.2")).status).toBe(401);
    expect((await upgrade(bearer(await idp.sign({ groups: ["owners"] })), "127.0.0.2")).status).toBe(101);
  });
});
