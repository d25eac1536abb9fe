import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { keyCheckValue } from "../../src/server/instanceKeyCheck.js";
import { loadInstanceSecret } from "../../src/server/instanceSecret.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { requireService } from "../support/services.js";
import { checkOf, mismatch, newKey, onOneSchema, startKeyNode, storedChecks, unreadable } from "./support/keyNodes.js";

const dir = mkdtempSync(join(tmpdir(), "doppel-key-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const startNode = startKeyNode;

/** Rows of a SQLite store read past the services, as an operator with a database client would. */
function sqlite(file: string, sql: string, ...params: unknown[]): unknown[] {
  const db = new Database(file);
  try {
    const statement = db.prepare(sql);
    if (statement.reader) return statement.all(...params);
    statement.run(...params);
    return [];
  } finally {
    db.close();
  }
}

describe("the key check value", () => {
  it("is an HMAC under a key derived for it alone, the same for one key however it is written", () => {
    const key = Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex");
    // Pinned: a change here would refuse every node of every existing database.
    expect(keyCheckValue(loadInstanceSecret({ key: key.toString("hex") }))).toBe(
      "v1.vJJNg3JxDGhe3ceo3lLdoFziJn0HtQzcN_eqbFuUNws",
    );
    expect(keyCheckValue(loadInstanceSecret({ key: key.toString("base64") }))).toBe(
      "v1.vJJNg3JxDGhe3ceo3lLdoFziJn0HtQzcN_eqbFuUNws",
    );
    expect(keyCheckValue(loadInstanceSecret({ key: "00".repeat(32) }))).toBe(
      "v1.OeXPybX17UnE-QSJ3cF2kUQz3Ms55AKPQg7X64MYGsI",
    );
  });
});

describe("the key check on SQLite", () => {
  it("lets a data directory start again with its key and refuses another key, keeping the stored value", async () => {
    const dataDir = join(dir, "restart");
    const file = join(dataDir, "doppel.db");
    const own = keyCheckValue(loadInstanceSecret({ dataDir }));
    const first = await startNode(createSqliteStore(file), { dataDir });
    await first.close();
    expect(sqlite(file, "SELECT id, value FROM instance_key_check")).toEqual([{ id: 1, value: own }]);

    const again = await startNode(createSqliteStore(file), { dataDir });
    await again.close();

    await expect(startNode(createSqliteStore(file), { secretKey: newKey() })).rejects.toMatchObject({
      name: "InstanceKeyMismatch",
      message: mismatch("configuration"),
    });
    expect(sqlite(file, "SELECT id, value FROM instance_key_check")).toEqual([{ id: 1, value: own }]);
  });

  it("starts a store from before the check with its key and stores the value then; a wrong key stores none", async () => {
    const file = join(dir, "legacy", "doppel.db");
    const key = newKey();
    const sealing = await startNode(createSqliteStore(file), { secretKey: key });
    await sealing.services.events.putEndpoint("hook", {
      kind: "webhook",
      url: "http://127.0.0.1:9/hook",
      secretHeaders: { authorization: "Bearer legacy" },
    });
    await sealing.close();
    // As a release without the check left it: credentials sealed, no check value.
    sqlite(file, "DELETE FROM instance_key_check");

    await expect(startNode(createSqliteStore(file), { secretKey: newKey() })).rejects.toMatchObject({
      name: "EndpointSecretsUnreadable",
      message: unreadable("hook", "this node's secret key (from configuration)"),
    });
    expect(sqlite(file, "SELECT id, value FROM instance_key_check")).toEqual([]);

    const upgraded = await startNode(createSqliteStore(file), { secretKey: key });
    await upgraded.close();
    expect(sqlite(file, "SELECT id, value FROM instance_key_check")).toEqual([{ id: 1, value: checkOf(key) }]);
  });

  it("refuses a wrong key before it seals credentials stored in clear", async () => {
    const file = join(dir, "clear", "doppel.db");
    const key = newKey();
    await (await startNode(createSqliteStore(file), { secretKey: key })).close();
    // A row as a release before encryption wrote it, past the sealing layer.
    const raw = createSqliteStore(file);
    const definition = parseEndpointDefinition("clear", {
      kind: "webhook",
      url: "http://127.0.0.1:9/clear",
      secretHeaders: { authorization: "Bearer in-clear" },
    });
    await raw.events.putEndpoint("clear", "webhook", definition, 1);
    await raw.close();
    const stored = () =>
      (sqlite(file, "SELECT definition FROM event_endpoints WHERE name = 'clear'") as { definition: string }[])[0]!
        .definition;
    const inClear = stored();
    expect(JSON.parse(inClear).secretHeaders).toEqual({ authorization: "Bearer in-clear" });

    await expect(startNode(createSqliteStore(file), { secretKey: newKey() })).rejects.toMatchObject({
      name: "InstanceKeyMismatch",
      message: mismatch("configuration"),
    });
    expect(stored()).toBe(inClear);

    await (await startNode(createSqliteStore(file), { secretKey: key })).close();
    expect(JSON.parse(stored()).secretHeaders).toBeUndefined();
    expect(JSON.parse(stored()).sealedSecrets).toMatch(/^v1\./);
  });

  it("in memory and without a data directory, stores the process's key, which every start shares", async () => {
    const processCheck = keyCheckValue(loadInstanceSecret({ env: {} }));
    const memory = createSqliteStore(":memory:");
    const inMemory = await startNode(memory);
    expect(await memory.keyCheck.claim("v1.other")).toBe(processCheck);
    await inMemory.close();
    await (await startNode(createSqliteStore(":memory:"))).close();

    const file = join(dir, "no-data-dir", "doppel.db");
    await (await startNode(createSqliteStore(file))).close();
    await (await startNode(createSqliteStore(file))).close();
    expect(sqlite(file, "SELECT id, value FROM instance_key_check")).toEqual([{ id: 1, value: processCheck }]);
  });

  it("claim stores the first value and answers it to every later claim", async () => {
    const store = createSqliteStore(":memory:");
    try {
      expect(await store.keyCheck.claim("v1.first")).toBe("v1.first");
      expect(await store.keyCheck.claim("v1.second")).toBe("v1.first");
      expect(await store.keyCheck.claim("v1.first")).toBe("v1.first");
    } finally {
      await store.close();
    }
  });
});

const hasPostgres = await requireService("postgres", "instance key check: nodes sharing PostgreSQL");

describe.runIf(hasPostgres)("the key check on PostgreSQL", () => {
  it("claims race to one value: every claimer is answered the winner's", async () => {
    await onOneSchema("keycheck", async (open, schema) => {
      const stores = await Promise.all([open(), open(), open()]);
      const claims = stores.flatMap((store, s) =>
        Array.from({ length: 4 }, (_, c) => store.keyCheck.claim(`v1.node-${s}-claim-${c}`)),
      );
      const answers = await Promise.all(claims);
      const winner = answers[0]!;
      expect(winner).toMatch(/^v1\.node-[0-2]-claim-[0-3]$/);
      expect(answers).toEqual(answers.map(() => winner));
      expect(await storedChecks(schema)).toEqual([{ id: 1, value: winner }]);
    });
  });

  it("two first starts at once with one key both start; another key is refused; the key still starts", async () => {
    await onOneSchema("keycheck", async (open, schema) => {
      const key = newKey();
      const [a, b] = await Promise.all([open(), open()]);
      const nodes = await Promise.all([startNode(a!, { secretKey: key }), startNode(b!, { secretKey: key })]);
      try {
        expect(await storedChecks(schema)).toEqual([{ id: 1, value: checkOf(key) }]);
        await expect(startNode(await open(), { secretKey: newKey() })).rejects.toMatchObject({
          name: "InstanceKeyMismatch",
          message: mismatch("configuration"),
        });
        const later = await startNode(await open(), { secretKey: key });
        await later.close();
        expect(await storedChecks(schema)).toEqual([{ id: 1, value: checkOf(key) }]);
      } finally {
        await Promise.all(nodes.map((node) => node.close()));
      }
    });
  });

  it("of two first starts at once with different keys, one starts and the other is refused", async () => {
    await onOneSchema("keycheck", async (open, schema) => {
      const keys = [newKey(), newKey()];
      const [a, b] = await Promise.all([open(), open()]);
      const outcomes = await Promise.allSettled([
        startNode(a!, { secretKey: keys[0] }),
        startNode(b!, { secretKey: keys[1] }),
      ]);
      const started = outcomes.flatMap((outcome, i) => (outcome.status === "fulfilled" ? [i] : []));
      try {
        expect(started).toHaveLength(1);
        const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
        expect(refused.reason).toMatchObject({ name: "InstanceKeyMismatch", message: mismatch("configuration") });
        expect(await storedChecks(schema)).toEqual([{ id: 1, value: checkOf(keys[started[0]!]!) }]);
      } finally {
        for (const outcome of outcomes) if (outcome.status === "fulfilled") await outcome.value.close();
      }
    });
  });
});
