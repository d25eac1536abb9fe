import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keysCommand } from "../../src/cli/keys.js";
import { storeEnvironmentVariable } from "../../src/store/openStore.js";
import { bearer } from "../auth/authSupport.js";
import {
  dropSchema,
  openPostgresTestStore,
  postgresTestUrl,
  randomSchema,
  type TestPostgresStore,
} from "../store/support/postgresTestStore.js";
import { requireService } from "../support/services.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

/** `doppel keys` against a PostgreSQL store (`--store` or DOPPEL_STORE), with a server running on it. */
const available = await requireService("postgres", "doppel keys on PostgreSQL");
const v = "?api-version=2023-10-31";

async function keys(...argv: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await keysCommand(argv, { log: (l) => lines.push(l), error: (l) => errors.push(l) });
  return { code, lines, errors };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe.runIf(available)("doppel keys --store postgres://…", () => {
  const schema = randomSchema("keys");
  const url = `${postgresTestUrl}?schema=${schema}`;
  let store: TestPostgresStore;
  let t: TestServer;
  let keyId: string;
  let key: string;

  beforeAll(async () => {
    store = await openPostgresTestStore({ schema });
    t = await startTestServer({ store, auth: { mode: ["apikey"] } });
  });
  afterAll(async () => {
    await t?.close();
    await dropSchema(schema);
  });

  it("creates a key with a role in the database, and the server on it accepts the key", async () => {
    const created = await keys(
      "create",
      "--store",
      url,
      "--name",
      "deploy bot",
      "--role",
      "Azure Digital Twins Data Reader",
    );
    expect(created.errors).toEqual([]);
    expect(created.code).toBe(0);
    expect(created.lines).toHaveLength(3);
    keyId = created.lines[0]!.replace("id:  ", "");
    key = created.lines[1]!.replace("key: ", "");
    expect(key).toMatch(/^dpk_[0-9a-f]{16}_/);
    expect(key.startsWith(`dpk_${keyId}_`)).toBe(true);

    const ok = await t.request("GET", `/models${v}`, { headers: bearer(key) });
    expect(ok.status, ok.text).toBe(200);
    const denied = await t.request("POST", `/models${v}`, { body: [], headers: bearer(key) });
    expect(denied.status).toBe(403);
  });

  it("reads the store from DOPPEL_STORE when --store is not given", async () => {
    const saved = process.env[storeEnvironmentVariable];
    process.env[storeEnvironmentVariable] = url;
    try {
      const listed = await keys("list");
      expect(listed.code).toBe(0);
      expect(listed.lines.map((line) => JSON.parse(line))).toEqual([
        {
          id: keyId,
          name: "deploy bot",
          createdAt: expect.any(String),
          createdBy: "cli",
          expiresAt: null,
          revokedAt: null,
        },
      ]);
      const assignments = await keys("assignments");
      expect(assignments.lines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          id: `key-${keyId}-Azure-Digital-Twins-Data-Reader`,
          principal: { type: "apiKey", id: keyId },
          role: "Azure Digital Twins Data Reader",
          source: "api",
        }),
      ]);
    } finally {
      if (saved === undefined) delete process.env[storeEnvironmentVariable];
      else process.env[storeEnvironmentVariable] = saved;
    }
  });

  it("checks query scopes with the PostgreSQL store's compiler", async () => {
    const scope = (where: string) => JSON.stringify({ kind: "query", where });
    const args = ["assign", "--store", url, "--principal", "group:ops", "--role", "Azure Digital Twins Data Reader"];
    const refused = await keys(...args, "--scope", scope("area >"));
    expect(refused.code).toBe(1);
    expect(refused.errors).toEqual([
      expect.stringMatching(
        /^doppel keys: The assignment scope is invalid: 'where' is not a condition of the query language: SQL query parse failed/,
      ),
    ]);
    const accepted = await keys(...args, "--scope", scope("area >= 25"), "--id", "ops");
    expect(accepted.errors).toEqual([]);
    expect(JSON.parse(accepted.lines[0]!)).toEqual({
      id: "ops",
      principal: { type: "group", id: "ops" },
      role: "Azure Digital Twins Data Reader",
      scope: { kind: "query", where: "area >= 25" },
      source: "api",
    });
    expect((await keys("unassign", "--store", url, "ops")).lines).toEqual(["deleted ops"]);
  });

  it("revokes a key the running server then refuses", async () => {
    expect((await keys("revoke", "--store", url, keyId)).lines).toEqual([`revoked ${keyId}`]);
    const refused = await eventually(
      async () => (await t.request("GET", `/models${v}`, { headers: bearer(key) })).status === 401,
    );
    expect(refused).toBe(true);
  });

  it("says so when the database cannot be reached", async () => {
    const failed = await keys("list", "--store", "postgres://nobody@127.0.0.1:1/none");
    expect(failed.code).toBe(2);
    expect(failed.errors).toEqual([expect.stringMatching(/^doppel keys: cannot connect to PostgreSQL at /)]);
  });
});
