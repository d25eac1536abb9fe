import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegisteredRoute } from "../../src/auth/authService.js";
import { routeKey } from "../../src/auth/routeRules.js";
import type { TestServer } from "../support/testServer.js";
import { bearer, createTestIdp, startSecureServer, type TestIdp, unauthorizedBody } from "./authSupport.js";

let idp: TestIdp;
let t: TestServer;
let routes: RegisteredRoute[];

beforeAll(async () => {
  idp = await createTestIdp();
  // Every route gets every kind of bad token from this one address: far beyond the default
  // budget of failed authentications per address (rateLimits.test.ts covers that limit).
  t = await startSecureServer(idp, { rateLimits: { perIpAuthFailures: 1_000_000 } });
  // HEAD routes mirror GET ones; each method+path once.
  const seen = new Set<string>();
  routes = t.server.services.auth.routes.filter((route) => {
    const key = routeKey(route.method, route.url);
    if (route.method === "HEAD" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
});
afterAll(async () => {
  await t.close();
});

/** A concrete path for a route pattern: every parameter becomes a harmless sample id. */
function samplePath(url: string): string {
  const path = url
    .split("/")
    .map((segment) =>
      segment.startsWith(":")
        ? url.startsWith("/models")
          ? "dtmi%3Aexample%3AThing%3B1"
          : "sample-id"
        : segment === "*"
          ? "x"
          : segment,
    )
    .join("/");
  return `${path}?api-version=2023-10-31`;
}

async function call(route: RegisteredRoute, headers: Record<string, string>) {
  const init: { headers: Record<string, string>; body?: unknown } = { headers };
  if (["POST", "PUT", "PATCH"].includes(route.method)) init.body = {};
  return t.request(route.method, samplePath(route.url), init);
}

function guarded(route: RegisteredRoute): boolean {
  return route.rule?.action !== "public";
}

describe("every route of the server is covered by the security layer", () => {
  it("registers the ADT, admin and event routes (sanity: the walk sees them)", () => {
    const keys = routes.map((r) => routeKey(r.method, r.url));
    expect(keys).toEqual(
      expect.arrayContaining(["GET /healthz", "POST /models", "GET /admin/keys", "GET /eventroutes"]),
    );
    expect(routes.length).toBeGreaterThan(20);
  });

  it("maps every route to a data action (a route without a rule would be denied)", () => {
    const unmapped = routes.filter((route) => route.rule === undefined).map((r) => routeKey(r.method, r.url));
    expect(unmapped).toEqual([]);
  });

  it("leaves only the health check and the CORS preflight public", () => {
    const open = routes.filter((route) => !guarded(route)).map((r) => routeKey(r.method, r.url));
    expect(open.sort()).toEqual(["GET /healthz", "OPTIONS /events/stream"]);
  });

  const rejections: [string, () => Promise<Record<string, string>>][] = [
    ["no Authorization header", async () => ({})],
    ["a malformed header (Basic)", async () => ({ authorization: "Basic dXNlcjpwYXNz" })],
    ["a malformed bearer token", async () => bearer("not-a-token")],
    ["a token that is three garbage parts", async () => bearer("a.b.c")],
    ["an expired token", async () => bearer(await idp.sign({ groups: ["owners"] }, { expiresIn: -3600 }))],
    ["a token not yet valid", async () => bearer(await idp.sign({ groups: ["owners"] }, { notBefore: 3600 }))],
    ["a wrongly signed token", async () => bearer(await idp.sign({ groups: ["owners"] }, { untrustedKey: true }))],
    [
      "a token for another audience",
      async () => bearer(await idp.sign({ groups: ["owners"] }, { audience: "api://x" })),
    ],
    [
      "a token from another issuer",
      async () => bearer(await idp.sign({ groups: ["owners"] }, { issuer: "https://evil" })),
    ],
    ["an unknown API key", async () => bearer(`dpk_0123456789abcdef_${"A".repeat(43)}`)],
  ];

  for (const [label, headers] of rejections) {
    it(`answers 401 in ADT's shape on every guarded route for ${label}`, async () => {
      const h = await headers();
      const failures: string[] = [];
      for (const route of routes.filter(guarded)) {
        const res = await call(route, h);
        const ok =
          res.status === 401 &&
          res.headers.get("content-type") === "application/json" &&
          res.headers.get("x-ms-error-code") === null &&
          JSON.stringify(res.body) === JSON.stringify(unauthorizedBody);
        if (!ok) failures.push(`${routeKey(route.method, route.url)} → ${res.status} ${res.text}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it("answers 403 in ADT's envelope on every action-guarded route for a principal without the action", async () => {
    const h = bearer(await idp.sign({ sub: "nobody", groups: ["strangers"] }));
    const failures: string[] = [];
    for (const route of routes.filter((r) => guarded(r) && r.rule?.action !== "authenticated")) {
      const res = await call(route, h);
      const expected = {
        error: {
          code: "Forbidden",
          message: `The principal 'nobody' does not have permission to perform action '${route.rule?.action}'.`,
        },
      };
      const ok =
        res.status === 403 &&
        res.headers.get("x-ms-error-code") === "Forbidden" &&
        res.headers.get("content-type") === "application/json; charset=utf-8" &&
        JSON.stringify(res.body) === JSON.stringify(expected);
      if (!ok) failures.push(`${routeKey(route.method, route.url)} → ${res.status} ${res.text}`);
    }
    expect(failures).toEqual([]);
  });

  it("lets a principal holding every role through authentication and authorisation on every route", async () => {
    const h = bearer(await idp.sign({ sub: "root", groups: ["owners"] }));
    const failures: string[] = [];
    for (const route of routes) {
      const controller = new AbortController();
      const init: RequestInit = { method: route.method, headers: { ...h }, signal: controller.signal };
      if (["POST", "PUT", "PATCH"].includes(route.method)) {
        init.body = "{}";
        (init.headers as Record<string, string>)["content-type"] = "application/json";
      }
      // Streams never end: read the status, then hang up.
      const res = await fetch(t.url + samplePath(route.url), init);
      controller.abort();
      if (res.status === 401 || res.status === 403)
        failures.push(`${routeKey(route.method, route.url)} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
