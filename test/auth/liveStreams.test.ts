import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { openSseStream } from "../support/sseClient.js";
import type { TestServer } from "../support/testServer.js";
import { bearer, createTestIdp, startSecureServer, type TestIdp } from "./authSupport.js";

let idp: TestIdp;
let t: TestServer;

beforeAll(async () => {
  idp = await createTestIdp();
  t = await startSecureServer(idp, {
    roleAssignments: {
      readers: { principal: "group:readers", role: "Azure Digital Twins Data Reader" },
      scoped: {
        principal: "group:scoped",
        role: "Azure Digital Twins Data Reader",
        scope: { kind: "models", models: ["dtmi:x:A;1"] },
      },
    },
  });
});
afterAll(async () => {
  await t.close();
});

/** Opens the WebSocket stream; resolves with the HTTP status of the upgrade answer (101 when it opened). */
function upgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${t.url.replace("https:", "wss:")}/events/ws`, { headers });
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("error", (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

describe("live streams", () => {
  it("authenticates and authorises the WebSocket upgrade, which bypasses the HTTP hooks", async () => {
    expect(await upgrade({})).toBe(401);
    expect(await upgrade(bearer(await idp.sign({}, { untrustedKey: true })))).toBe(401);
    expect(await upgrade(bearer(await idp.sign({ groups: ["nobody"] })))).toBe(403);
    // A scoped reader subscribes; its events are filtered to its twins (test/auth/leakage.test.ts).
    expect(await upgrade(bearer(await idp.sign({ groups: ["scoped"] })))).toBe(101);
    expect(await upgrade(bearer(await idp.sign({ groups: ["readers"] })))).toBe(101);
  });

  it("guards the SSE stream on the HTTP path", async () => {
    const anonymous = await fetch(`${t.url}/events/stream`);
    expect(anonymous.status).toBe(401);
    const stream = await openSseStream(`${t.url}/events/stream`, bearer(await idp.sign({ groups: ["readers"] })));
    const reader = stream.response;
    expect(reader.status).toBe(200);
    expect(reader.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    await stream.close();
  });
});
