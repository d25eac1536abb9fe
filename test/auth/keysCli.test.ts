import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keysCommand } from "../../src/cli/keys.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { bearer } from "./authSupport.js";

let dir: string;

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { out: { log: (l: string) => lines.push(l), error: (l: string) => errors.push(l) }, lines, errors };
}

async function keys(...argv: string[]) {
  const io = capture();
  const code = await keysCommand([...argv, "--data", dir], io.out);
  return { code, lines: io.lines, errors: io.errors };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "doppel-keys-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("doppel keys", () => {
  let t: TestServer;
  afterAll(async () => {
    await t?.close();
  });

  it("creates a key with a role in the data directory, and a server started on it accepts the key", async () => {
    const created = await keys("create", "--name", "deploy bot", "--role", "Azure Digital Twins Data Reader");
    expect(created.code).toBe(0);
    const key = created.lines[1]!.replace("key: ", "");
    expect(key).toMatch(/^dpk_[0-9a-f]{16}_/);
    expect(created.lines[2]).toBe(
      "Store the key now: it is not shown again. Send it as 'Authorization: Bearer <key>'.",
    );

    const tls = join(process.env.DOPPEL_TEST_TLS_DIR!, "tls");
    t = await startTestServer({
      memory: false,
      dataDir: dir,
      tlsCert: join(tls, "cert.pem"),
      tlsKey: join(tls, "key.pem"),
      auth: { mode: ["apikey"] },
    });
    const ok = await t.request("GET", "/models?api-version=2023-10-31", { headers: bearer(key) });
    expect(ok.status).toBe(200);
    const denied = await t.request("POST", "/models?api-version=2023-10-31", { body: [], headers: bearer(key) });
    expect(denied.status).toBe(403);

    // Revoked from the CLI while the server runs: refused within the cache time (1 s).
    const id = created.lines[0]!.replace("id:  ", "");
    expect((await keys("revoke", id)).lines).toEqual([`revoked ${id}`]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await t.request("GET", "/models?api-version=2023-10-31", { headers: bearer(key) })).status).toBe(401);
  });

  it("lists keys without their secrets", async () => {
    const listed = await keys("list");
    expect(listed.code).toBe(0);
    expect(listed.lines).toHaveLength(1);
    const view = JSON.parse(listed.lines[0]!);
    expect(Object.keys(view).sort()).toEqual(["createdAt", "createdBy", "expiresAt", "id", "name", "revokedAt"]);
    expect(view.createdBy).toBe("cli");
  });

  it("assigns and unassigns roles to any principal, with a scope", async () => {
    const assigned = await keys(
      "assign",
      "--principal",
      "group:engineers",
      "--role",
      "Azure Digital Twins Data Owner",
      "--scope",
      '{"kind":"models","models":["dtmi:x:Room;1"]}',
      "--id",
      "eng",
    );
    expect(assigned.code).toBe(0);
    expect(JSON.parse(assigned.lines[0]!)).toEqual({
      id: "eng",
      principal: { type: "group", id: "engineers" },
      role: "Azure Digital Twins Data Owner",
      scope: { kind: "models", models: ["dtmi:x:Room;1"] },
      source: "api",
    });
    expect((await keys("assignments")).lines.map((l) => JSON.parse(l).id)).toContain("eng");
    expect((await keys("unassign", "eng")).code).toBe(0);
    expect((await keys("assignments")).lines.map((l) => JSON.parse(l).id)).not.toContain("eng");
  });

  it("explains mistakes with a message and a non-zero exit code", async () => {
    expect(await keys("revoke", "ffffffffffffffff")).toEqual({
      code: 1,
      lines: [],
      errors: ["doppel keys: There is no API key with the id ffffffffffffffff."],
    });
    expect((await keys("assign", "--principal", "group:x", "--role", "Nope")).errors).toEqual([
      "doppel keys: The role Nope does not exist (see GET /admin/roles).",
    ]);
    expect((await keys("create")).errors).toEqual(["doppel keys: An API key needs a name of 1-128 characters."]);
    expect((await keys("frobnicate")).code).toBe(2);
    expect((await keys("roles")).lines.map((l) => l.split("\t")[0])).toEqual([
      "Azure Digital Twins Data Owner",
      "Azure Digital Twins Data Reader",
      "Doppel Administrator",
    ]);
  });
});
