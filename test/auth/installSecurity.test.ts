import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "../../src/auth/authOptions.js";
import { scopeSqlFor } from "../../src/auth/scopeSqlFor.js";
import { buildApp } from "../../src/http/app.js";
import type { Services } from "../../src/http/services.js";
import { createServices } from "../../src/server/createServices.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { bearer, createTestIdp, secureAuthOptions, type TestIdp } from "./authSupport.js";

let idp: TestIdp;
let services: Services;
let app: FastifyInstance;
const v = "?api-version=2023-10-31";

async function servicesWith(auth: AuthOptions): Promise<Services> {
  return createServices(createSqliteStore(":memory:"), {}, { auth });
}

beforeAll(async () => {
  idp = await createTestIdp();
  services = await servicesWith(
    secureAuthOptions(idp, {
      roleAssignments: {
        owners: { principal: "group:owners", role: "Azure Digital Twins Data Owner" },
        scoped: {
          principal: "group:scoped",
          role: "Azure Digital Twins Data Reader",
          scope: { kind: "models", models: ["dtmi:x:A;1"] },
        },
      },
    }),
  );
  // Test-only routes: one the rules do not know, and a query that applies scopes itself.
  app = buildApp(services, [
    (a) => {
      a.get("/not-in-the-table", async () => ({ leaked: true }));
      a.post("/query", { config: { appliesTwinScope: true } }, async (request) => ({
        condition: scopeSqlFor(request.access!, { id: "T.id", model: "T.model_id" }),
      }));
    },
  ]);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await services.events.stop();
  await services.store.close();
});

describe("installSecurity", () => {
  it("denies a route with no access rule, even to an owner, and lists it as unmapped", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/not-in-the-table",
      headers: bearer(await idp.sign({ groups: ["owners"] })),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: {
        code: "Forbidden",
        message: "No access rule covers GET /not-in-the-table, so it is denied. Add it to src/auth/routeRules.ts.",
      },
    });
    expect(services.auth.routes.find((r) => r.url === "/not-in-the-table")).toEqual({
      method: "GET",
      url: "/not-in-the-table",
      rule: undefined,
    });
  });

  it("answers unknown paths 401 without credentials and 404 with them", async () => {
    const anonymous = await app.inject({ method: "GET", url: `/nothing${v}` });
    expect(anonymous.statusCode).toBe(401);
    const known = await app.inject({ method: "GET", url: `/nothing${v}`, headers: bearer(await idp.sign()) });
    expect(known.statusCode).toBe(404);
    expect(known.json().error.code).toBe("RouteNotFound");
  });

  it("authenticates before the api-version check", async () => {
    const res = await app.inject({ method: "GET", url: "/models" });
    expect(res.statusCode).toBe(401);
  });

  it("hands a query route that applies scopes the caller's scope, rendered by scopeSqlFor", async () => {
    const owner = await app.inject({
      method: "POST",
      url: `/query${v}`,
      headers: bearer(await idp.sign({ groups: ["owners"] })),
      payload: {},
    });
    expect(owner.json()).toEqual({ condition: { sql: "1=1", params: [] } });
    const scoped = await app.inject({
      method: "POST",
      url: `/query${v}`,
      headers: bearer(await idp.sign({ groups: ["scoped"] })),
      payload: {},
    });
    expect(scoped.statusCode).toBe(200);
    expect(scoped.json()).toEqual({
      condition: {
        sql: "T.model_id IN (SELECT scope_a0.model_id FROM model_ancestry scope_a0 WHERE scope_a0.ancestor_id IN (?))",
        params: ["dtmi:x:A;1"],
      },
    });
  });

  it("refuses a scoped caller on a query route that does not apply scopes", async () => {
    const plain = buildApp(services, [(a) => a.post("/query", async () => ({ everything: true }))]);
    try {
      const res = await plain.inject({
        method: "POST",
        url: `/query${v}`,
        headers: bearer(await idp.sign({ sub: "s", groups: ["scoped"] })),
        payload: {},
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe(
        "The principal 's' may perform 'Microsoft.DigitalTwins/query/action' only on some twins, and this operation cannot be limited to them yet.",
      );
    } finally {
      await plain.close();
    }
  });

  it("sets the server's header, request and keep-alive timeouts", () => {
    expect(app.server.headersTimeout).toBe(20_000);
    expect(app.server.requestTimeout).toBe(60_000);
    expect(app.server.keepAliveTimeout).toBe(65_000);
    expect(app.server.timeout).toBe(120_000);
    // Node sweeps for header and request timeouts at this interval (its default, 30 s, would
    // stretch the 20 s header timeout to 50 s); serverTimeouts.test.ts checks the real thing.
    expect((app.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval).toBe(1000);
  });

  it("refuses to build an app over services without auth", () => {
    const { auth: _auth, ...rest } = services;
    expect(() => buildApp(rest as unknown as Services, [])).toThrow("services.auth is missing");
  });
});
