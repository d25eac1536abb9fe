import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/auth/accessAdmin.js";
import { hashSecret, parseApiKey } from "../../src/auth/apiKeySecret.js";
import type { TestServer } from "../support/testServer.js";
import { bearer, createTestIdp, startSecureServer, type TestIdp } from "./authSupport.js";

const v = "?api-version=2023-10-31";
let idp: TestIdp;
let t: TestServer;
let admin: Record<string, string>;
let reader: Record<string, string>;

beforeAll(async () => {
  idp = await createTestIdp();
  t = await startSecureServer(idp, { cacheTtlMs: 50 });
  admin = bearer(await idp.sign({ sub: "alice", groups: ["owners"] }));
  reader = bearer(await idp.sign({ sub: "bob", groups: ["readers"] }));
});
afterAll(async () => {
  await t.close();
});

async function newKey(name: string): Promise<{ id: string; key: string }> {
  const res = await t.request("POST", "/admin/keys", { body: { name }, headers: admin });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe("API keys through the admin API", () => {
  it("creates a key, shows it once, and stores only its hash", async () => {
    const res = await t.request("POST", "/admin/keys", { body: { name: "ci pipeline" }, headers: admin });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const { key, createdAt, id, ...rest } = res.body;
    expect(key).toMatch(/^dpk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key)?.id).toBe(id);
    expect(Date.parse(createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(rest).toEqual({ name: "ci pipeline", createdBy: "alice", expiresAt: null, revokedAt: null });

    const stored = (await t.server.services.store.auth.loadAccess()).apiKeys.find((k) => k.id === id)!;
    expect(stored.hash).toBe(hashSecret(parseApiKey(key)!.secret));
    expect(JSON.stringify(stored)).not.toContain(parseApiKey(key)!.secret);

    const listed = await t.request("GET", "/admin/keys", { headers: admin });
    expect(listed.body.value).toContainEqual({
      id,
      name: "ci pipeline",
      createdAt,
      createdBy: "alice",
      expiresAt: null,
      revokedAt: null,
    });
    expect(listed.text).not.toContain(parseApiKey(key)!.secret);
  });

  it("authenticates with the key as a bearer token; the key has only what is assigned to it", async () => {
    const { id, key } = await newKey("reader key");
    expect((await t.request("GET", `/models${v}`, { headers: bearer(key) })).status).toBe(403);
    const assign = await t.request("PUT", "/admin/roleassignments/reader-key", {
      body: { principal: { type: "apiKey", id }, role: "Azure Digital Twins Data Reader" },
      headers: admin,
    });
    expect(assign.status).toBe(201);
    expect(assign.body).toEqual({
      id: "reader-key",
      principal: { type: "apiKey", id },
      role: "Azure Digital Twins Data Reader",
      scope: { kind: "instance" },
      source: "api",
    });
    expect((await t.request("GET", `/models${v}`, { headers: bearer(key) })).status).toBe(200);
    const write = await t.request("POST", `/models${v}`, { body: [], headers: bearer(key) });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({
      error: {
        code: "Forbidden",
        message: `The principal 'key:${id}' does not have permission to perform action 'Microsoft.DigitalTwins/models/write'.`,
      },
    });
    const who = await t.request("GET", "/admin/whoami", { headers: bearer(key) });
    expect(who.body.principal).toEqual({ kind: "apiKey", id: `key:${id}`, keyId: id, name: "reader key" });
    expect(who.body.actions).toContain("Microsoft.DigitalTwins/query/action");
    expect(who.body.actions).not.toContain("Microsoft.DigitalTwins/models/write");
  });

  it("refuses a revoked key at once, and a wrong secret for a real key id", async () => {
    const { id, key } = await newKey("short-lived");
    await t.request("PUT", "/admin/roleassignments/short-lived", {
      body: { principal: `apiKey:${id}`, role: "Azure Digital Twins Data Reader" },
      headers: admin,
    });
    expect((await t.request("GET", `/models${v}`, { headers: bearer(key) })).status).toBe(200);
    const forged = `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`;
    expect((await t.request("GET", `/models${v}`, { headers: bearer(forged) })).status).toBe(401);
    expect((await t.request("DELETE", `/admin/keys/${id}`, { headers: admin })).status).toBe(204);
    expect((await t.request("GET", `/models${v}`, { headers: bearer(key) })).status).toBe(401);
    const view = await t.request("GET", `/admin/keys/${id}`, { headers: admin });
    expect(Date.parse(view.body.revokedAt)).toBeGreaterThan(0);
    const missing = await t.request("DELETE", "/admin/keys/0000000000000000", { headers: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { code: "ApiKeyNotFound", message: "There is no API key with the id 0000000000000000." },
    });
  });

  it("refuses an expired key, and a key created with a past expiry", async () => {
    const past = await t.request("POST", "/admin/keys", {
      body: { name: "x", expiresAt: "2000-01-01T00:00:00Z" },
      headers: admin,
    });
    expect(past.status).toBe(400);
    const created = await createApiKey(
      t.server.services.store.auth,
      { name: "expiring", expiresAt: new Date(Date.now() - 1000).toISOString() },
      "test",
      new Date(Date.now() - 10_000),
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await t.request("GET", `/admin/whoami`, { headers: bearer(created.key) })).status).toBe(401);
  });

  it("notices keys added by another process (the CLI) within the cache time", async () => {
    const created = await createApiKey(t.server.services.store.auth, { name: "from the CLI" }, "cli");
    await new Promise((resolve) => setTimeout(resolve, 60));
    const who = await t.request("GET", "/admin/whoami", { headers: bearer(created.key) });
    expect(who.status).toBe(200);
    expect(who.body.principal.name).toBe("from the CLI");
  });

  it("needs Doppel/apikeys/* for key management", async () => {
    expect((await t.request("GET", "/admin/keys", { headers: reader })).status).toBe(403);
    expect((await t.request("POST", "/admin/keys", { body: { name: "x" }, headers: reader })).status).toBe(403);
  });
});

describe("roles and role assignments", () => {
  it("lists the built-in roles with exactly ADT's actions", async () => {
    const res = await t.request("GET", "/admin/roles", { headers: admin });
    const byName = Object.fromEntries(res.body.value.map((r: any) => [r.name, r]));
    expect(byName["Azure Digital Twins Data Reader"]).toEqual({
      name: "Azure Digital Twins Data Reader",
      id: "d57506d4-4c8d-48b1-8587-93c323f6a5a3",
      description: "Read-only role for Digital Twins data-plane properties",
      dataActions: [
        "Microsoft.DigitalTwins/digitaltwins/read",
        "Microsoft.DigitalTwins/digitaltwins/relationships/read",
        "Microsoft.DigitalTwins/eventroutes/read",
        "Microsoft.DigitalTwins/jobs/import/read",
        "Microsoft.DigitalTwins/jobs/imports/read",
        "Microsoft.DigitalTwins/jobs/deletions/read",
        "Microsoft.DigitalTwins/models/read",
        "Microsoft.DigitalTwins/query/action",
      ],
      notDataActions: [],
      source: "builtIn",
    });
    expect(byName["Azure Digital Twins Data Owner"].id).toBe("bcd981a7-7f74-457b-83e1-cceb9e632ffe");
  });

  it("creates a custom role from any set of actions, and it takes effect", async () => {
    const put = await t.request("PUT", `/admin/roles/${encodeURIComponent("Model Uploader")}`, {
      body: {
        description: "uploads models",
        dataActions: ["Microsoft.DigitalTwins/models/*"],
        notDataActions: ["Microsoft.DigitalTwins/models/delete"],
      },
      headers: admin,
    });
    expect(put.status).toBe(201);
    expect(put.body).toEqual({
      name: "Model Uploader",
      id: "Model Uploader",
      description: "uploads models",
      dataActions: ["Microsoft.DigitalTwins/models/*"],
      notDataActions: ["Microsoft.DigitalTwins/models/delete"],
      source: "api",
    });
    await t.request("PUT", "/admin/roleassignments/carol-uploads", {
      body: { principal: { type: "user", id: "carol" }, role: "Model Uploader" },
      headers: admin,
    });
    const carol = bearer(await idp.sign({ sub: "carol" }));
    expect((await t.request("GET", `/models${v}`, { headers: carol })).status).toBe(200);
    expect((await t.request("DELETE", `/models/dtmi%3Ax%3AY%3B1${v}`, { headers: carol })).status).toBe(403);
    expect((await t.request("GET", `/digitaltwins/x${v}`, { headers: carol })).status).toBe(403);
    // Replacing answers 200; deleting a role in use is refused until its assignments are gone.
    const again = await t.request("PUT", "/admin/roles/Model%20Uploader", {
      body: { dataActions: ["Microsoft.DigitalTwins/models/read"] },
      headers: admin,
    });
    expect(again.status).toBe(200);
    const inUse = await t.request("DELETE", "/admin/roles/Model%20Uploader", { headers: admin });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toEqual({
      code: "RoleDefinitionInUse",
      message: "The role Model Uploader is used by role assignment(s) carol-uploads; delete them first.",
    });
    expect((await t.request("DELETE", "/admin/roleassignments/carol-uploads", { headers: admin })).status).toBe(204);
    expect((await t.request("DELETE", "/admin/roles/Model%20Uploader", { headers: admin })).status).toBe(204);
    expect((await t.request("GET", "/admin/roles/Model%20Uploader", { headers: admin })).status).toBe(404);
  });

  it("assigns by group, app role or user object id", async () => {
    await t.request("PUT", "/admin/roleassignments/approle", {
      body: { principal: "appRole:Twins.Read", role: "d57506d4-4c8d-48b1-8587-93c323f6a5a3" },
      headers: admin,
    });
    const app = bearer(await idp.sign({ sub: "svc", roles: ["Twins.Read"] }));
    expect((await t.request("GET", `/models${v}`, { headers: app })).status).toBe(200);
    await t.request("PUT", "/admin/roleassignments/by-oid", {
      body: { principal: "user:oid-42", role: "Azure Digital Twins Data Reader" },
      headers: admin,
    });
    const user = bearer(await idp.sign({ sub: "pairwise-sub", oid: "oid-42" }));
    expect((await t.request("GET", `/models${v}`, { headers: user })).status).toBe(200);
  });

  it("validates roles and assignments", async () => {
    const cases: [string, string, unknown, string][] = [
      [
        "PUT",
        "/admin/roles/Typo",
        { dataActions: ["Microsoft.DigitalTwins/twins/read"] },
        'The dataActions entry "Microsoft.DigitalTwins/twins/read" matches no known action (see GET /admin/actions).',
      ],
      [
        "PUT",
        "/admin/roles/Empty",
        { dataActions: [] },
        "A role's dataActions must be an array of 1-200 action patterns.",
      ],
      [
        "PUT",
        "/admin/roleassignments/a1",
        { principal: "robot:x", role: "Azure Digital Twins Data Reader" },
        "The assignment principal must be {type, id} with type user, group, appRole or apiKey (or 'type:id').",
      ],
      [
        "PUT",
        "/admin/roleassignments/a1",
        { principal: "user:x", role: "No Such Role" },
        "The role No Such Role does not exist (see GET /admin/roles).",
      ],
      [
        "PUT",
        "/admin/roleassignments/a1",
        { principal: "user:x", role: "Azure Digital Twins Data Reader", scope: { kind: "models" } },
        "The assignment scope is invalid: 'models' must be an array of 1-100 strings.",
      ],
      [
        "PUT",
        "/admin/roleassignments/a1",
        {
          principal: "user:x",
          role: "Azure Digital Twins Data Reader",
          scope: { kind: "subgraph", root: "r", depth: 3 },
        },
        "The assignment scope is invalid: unknown field(s) 'depth'.",
      ],
      [
        "PUT",
        "/admin/roleassignments/bad%20id",
        { principal: "user:x", role: "Azure Digital Twins Data Reader" },
        "The role assignment id 'bad id' is invalid: use 1-128 letters, digits and . _ -, starting with a letter or digit.",
      ],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await t.request(method, path, { body, headers: admin });
      expect(res.status, path).toBe(400);
      expect(res.body.error).toEqual({ code: "InvalidArgument", message });
    }
  });

  it("keeps built-in roles and configuration-file assignments read-only", async () => {
    const builtIn = await t.request("PUT", "/admin/roles/Azure%20Digital%20Twins%20Data%20Reader", {
      body: { dataActions: ["Doppel/*"] },
      headers: admin,
    });
    expect(builtIn.status).toBe(400);
    expect(builtIn.body.error).toEqual({
      code: "OperationNotAllowed",
      message: "The role Azure Digital Twins Data Reader is built in and cannot be changed here.",
    });
    const configured = await t.request("DELETE", "/admin/roleassignments/readers", { headers: admin });
    expect(configured.body.error).toEqual({
      code: "OperationNotAllowed",
      message: "The role assignment readers is defined in the auth configuration file and cannot be changed here.",
    });
  });
});

describe("audit log", () => {
  it("records writes, admin calls and refusals with who, what, when and outcome", async () => {
    const since = (await t.request("GET", "/admin/audit?limit=1000", { headers: admin })).body.value.at(-1)?.seq ?? 0;
    await t.request("PUT", `/digitaltwins/audited${v}`, {
      body: { $metadata: { $model: "dtmi:none:X;1" } },
      headers: reader,
    });
    await t.request("GET", `/models${v}`, { headers: bearer("garbage") });
    await t.request("GET", `/models${v}`, { headers: reader }); // a plain read: not audited
    await t.request("POST", `/digitaltwins/x/telemetry${v}`, { body: {}, headers: { ...admin, "message-id": "1" } }); // telemetry: not audited
    await t.request("POST", "/admin/keys", { body: { name: "audited key" }, headers: admin });
    const res = await t.request("GET", `/admin/audit?after=${since}`, { headers: admin });
    expect(res.status).toBe(200);
    const entries = res.body.value.map(({ seq, at, ...rest }: any) => {
      expect(seq).toBeGreaterThan(since);
      expect(Date.parse(at)).toBeGreaterThan(Date.now() - 60_000);
      return rest;
    });
    expect(entries).toEqual([
      {
        // Reading the audit log is an admin call too.
        principal: "alice",
        clientAddress: "127.0.0.1",
        action: "Doppel/auditlog/read",
        method: "GET",
        path: "/admin/audit",
        route: "GET /admin/audit",
        twinId: null,
        status: 200,
        outcome: "success",
        detail: null,
      },
      {
        principal: "bob",
        clientAddress: "127.0.0.1",
        action: "Microsoft.DigitalTwins/digitaltwins/write",
        method: "PUT",
        path: "/digitaltwins/audited",
        route: "PUT /digitaltwins/{}",
        twinId: "audited",
        status: 403,
        outcome: "denied",
        detail: null,
      },
      {
        principal: "unauthenticated",
        clientAddress: "127.0.0.1",
        action: null,
        method: "GET",
        path: "/models",
        route: "GET /models",
        twinId: null,
        status: 401,
        outcome: "denied",
        detail: "JWT rejected: Invalid Compact JWS",
      },
      {
        principal: "alice",
        clientAddress: "127.0.0.1",
        action: "Doppel/apikeys/write",
        method: "POST",
        path: "/admin/keys",
        route: "POST /admin/keys",
        twinId: null,
        status: 201,
        outcome: "success",
        detail: null,
      },
    ]);
  });

  it("pages with nextLink and filters by principal and outcome; readers may not read it", async () => {
    const page = await t.request("GET", "/admin/audit?limit=2&principal=alice&outcome=success", { headers: admin });
    expect(page.body.value).toHaveLength(2);
    expect(page.body.value.every((e: any) => e.principal === "alice" && e.outcome === "success")).toBe(true);
    expect(page.body.nextLink).toBe(
      `/admin/audit?after=${page.body.value[1].seq}&limit=2&principal=alice&outcome=success`,
    );
    const next = await t.request("GET", page.body.nextLink, { headers: admin });
    expect(next.body.value[0].seq).toBeGreaterThan(page.body.value[1].seq);
    expect((await t.request("GET", "/admin/audit?limit=0", { headers: admin })).status).toBe(400);
    expect((await t.request("GET", "/admin/audit", { headers: reader })).status).toBe(403);
  });

  it("is off by default in mode none, where every caller is the same anonymous one", async () => {
    const { startTestServer } = await import("../support/testServer.js");
    const open = await startTestServer();
    try {
      expect(open.server.services.auth.audit.enabled).toBe(false);
    } finally {
      await open.close();
    }
  });
});
