import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe("skeleton", () => {
  it("answers /healthz without an api-version", async () => {
    const res = await t.request("GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("rejects an unknown route in ADT's envelope", async () => {
    const res = await t.request("GET", "/nothing-here?api-version=2023-10-31");
    expect(res.status).toBe(404);
    expect(res.headers.get("x-ms-error-code")).toBe("RouteNotFound");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.body).toEqual({ error: { code: "RouteNotFound", message: "No operation matches GET /nothing-here." } });
  });
});
