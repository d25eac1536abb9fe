import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { EndpointSecretBox } from "../../src/events/endpoints/endpointSecretBox.js";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { sealEventStore } from "../../src/events/endpoints/sealedEventStore.js";
import { buildApp } from "../../src/http/app.js";
import { endpointRoutes } from "../../src/http/routes/endpoints.js";
import { eventRouteRoutes } from "../../src/http/routes/eventRoutes.js";
import { checkInstanceKey } from "../../src/server/instanceKeyCheck.js";
import { loadInstanceSecret, loadPreviousInstanceSecret } from "../../src/server/instanceSecret.js";
import { openStore } from "../../src/store/openStore.js";
import type { Store } from "../../src/store/store.js";
import { eventually } from "../events/support/eventHarness.js";
import { type EventTestStore, openEventTestStore } from "../events/support/eventTestStore.js";
import { requireService } from "../support/services.js";
import {
  checkOf,
  type KeyNode,
  type KeySecurity,
  mismatch,
  newKey,
  onOneSchema,
  startKeyNode,
  storedChecks,
  unreadable,
} from "./support/keyNodes.js";

const dir = mkdtempSync(join(tmpdir(), "doppel-key-rotation-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A box holding one key, as a node without a previous key seals and opens. */
const boxOf = (key: string, source: string) =>
  new EndpointSecretBox(loadInstanceSecret({ key }).derive("endpoint-secrets"), source);

function mismatchBoth(source: string, previousSource: string): string {
  return (
    `Neither this node's secret key (from ${source}) nor its previous key (from ${previousSource}) is the key ` +
    "this database is used with: the key check value stored in the database was made with another key. To " +
    "rotate, set DOPPEL_SECRET_KEY_PREVIOUS (or DOPPEL_SECRET_KEY_PREVIOUS_FILE) to the key the database is used " +
    "with and DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) to the new key."
  );
}

const keyFormat =
  "must be a 32-byte key written as 64 hex digits or in base64 (generate one with: openssl rand -hex 32)";

/** Endpoint bodies as an operator PUTs them: two with credentials, one without. */
const bodies = {
  hook: {
    kind: "webhook",
    url: "http://127.0.0.1:9/hook",
    secretHeaders: { authorization: "Bearer rotate-me" },
    hmacSecret: "hmac-rotate-me",
  },
  plain: { kind: "webhook", url: "http://127.0.0.1:9/plain" },
  rabbit: { kind: "amqp", url: "amqp://guest:rabbit-password@127.0.0.1:5672/", exchange: "twins" },
} as const;
type EndpointName = keyof typeof bodies;
const names = Object.keys(bodies) as EndpointName[];
/** What a node holds in memory for each endpoint: the definition, credentials in clear. */
const definitionOf = (name: EndpointName) => parseEndpointDefinition(name, bodies[name]);

type Node = KeyNode;
type Security = KeySecurity;
const startOn = startKeyNode;

/** A node over the run's store (a SQLite file, or a PostgreSQL schema), through a store of its own. */
async function startNode(data: EventTestStore, security: Security): Promise<Node> {
  return startOn(await openRaw(data), security);
}

/** The run's store opened past the services, as an operator with a database client would read it. */
function openRaw(data: EventTestStore): Promise<Store> {
  return openStore(data.storeUrl, { poolSize: 2, queryPoolSize: 1, log: () => undefined });
}

async function withRaw<T>(data: EventTestStore, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openRaw(data);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The stored (sealed) definitions, read straight from the store. */
function storedDefinitions(data: EventTestStore): Promise<Record<string, unknown>> {
  return withRaw(data, async (store) =>
    Object.fromEntries((await store.events.listEndpoints()).map((row) => [row.name, row.definition])),
  );
}

/** The stored key check value (undefined when none is stored), read without writing. */
function storedCheck(data: EventTestStore): Promise<string | undefined> {
  return withRaw(data, (store) => store.keyCheck.read());
}

/** A fresh store with the three endpoints created through the service by a node with `security`. */
async function seeded(security: Security): Promise<EventTestStore> {
  const data = await openEventTestStore();
  const node = await startNode(data, security);
  try {
    for (const name of names) await node.services.events.putEndpoint(name, bodies[name]);
  } finally {
    await node.close();
  }
  return data;
}

/** Runs `work` with variables set in this process's environment, as an operator starts a node. */
async function withEnv<T>(variables: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe("the previous key", () => {
  it("comes from configuration, then DOPPEL_SECRET_KEY_PREVIOUS, then DOPPEL_SECRET_KEY_PREVIOUS_FILE", () => {
    const key = randomBytes(32);
    const file = join(dir, "previous.key");
    writeFileSync(file, `${key.toString("base64")}\n`);
    const expected = loadInstanceSecret({ key: key.toString("hex") }).derive("p");

    expect(loadPreviousInstanceSecret({ env: {} })).toBeUndefined();
    const configured = loadPreviousInstanceSecret({
      key: key.toString("base64url"),
      env: { DOPPEL_SECRET_KEY_PREVIOUS: newKey() },
    });
    const fromHex = loadPreviousInstanceSecret({
      env: { DOPPEL_SECRET_KEY_PREVIOUS: key.toString("hex"), DOPPEL_SECRET_KEY_PREVIOUS_FILE: join(dir, "none") },
    });
    const fromFile = loadPreviousInstanceSecret({ env: { DOPPEL_SECRET_KEY_PREVIOUS_FILE: file } });
    expect([configured?.source, fromHex?.source, fromFile?.source]).toEqual([
      "configuration",
      "DOPPEL_SECRET_KEY_PREVIOUS",
      file,
    ]);
    for (const secret of [configured, fromHex, fromFile]) expect(secret?.derive("p").equals(expected)).toBe(true);
    // The current key's variables are not the previous key's.
    expect(loadPreviousInstanceSecret({ env: { DOPPEL_SECRET_KEY: key.toString("hex") } })).toBeUndefined();
  });

  it("is refused when it is not a key, as the current key is", () => {
    const bad = join(dir, "bad.key");
    writeFileSync(bad, "not a key\n");
    const missing = join(dir, "missing.key");
    expect(() => loadPreviousInstanceSecret({ env: { DOPPEL_SECRET_KEY_PREVIOUS: "too-short" } })).toThrow(
      `DOPPEL_SECRET_KEY_PREVIOUS ${keyFormat}`,
    );
    expect(() => loadPreviousInstanceSecret({ env: { DOPPEL_SECRET_KEY_PREVIOUS_FILE: bad } })).toThrow(
      `DOPPEL_SECRET_KEY_PREVIOUS_FILE (${bad}) ${keyFormat}`,
    );
    expect(() => loadPreviousInstanceSecret({ key: "00" })).toThrow(`the configured previous secret key ${keyFormat}`);
    expect(() => loadPreviousInstanceSecret({ env: { DOPPEL_SECRET_KEY_PREVIOUS_FILE: missing } })).toThrow(
      `the previous secret key file ${missing} cannot be read: ENOENT: no such file or directory, open '${missing}'`,
    );
  });
});

describe("rotating the instance key", () => {
  it("re-seals every credential, then switches the check value; afterwards the old key alone is refused", async () => {
    // A node started with --data: its key is the generated <data>/secret.key.
    const dataDir = join(dir, "rotate-data");
    const keyFile = join(dataDir, "secret.key");
    const data = await seeded({ dataDir });
    try {
      const oldKey = readFileSync(keyFile, "utf8").trim();
      const key = newKey();
      const before = await storedDefinitions(data);
      expect(await storedCheck(data)).toBe(checkOf(oldKey));
      const oldBox = boxOf(oldKey, "the old key");
      for (const name of names) expect(oldBox.open(name, before[name])).toEqual(definitionOf(name));

      // The procedure: the new key, and the old one as the previous key (here, the old key file itself).
      const rotated = await withEnv({ DOPPEL_SECRET_KEY: key, DOPPEL_SECRET_KEY_PREVIOUS_FILE: keyFile }, () =>
        startNode(data, { dataDir }),
      );
      try {
        for (const name of names) {
          expect(rotated.services.events.dispatcher.sinks.definition(name)).toEqual(definitionOf(name));
        }
      } finally {
        await rotated.close();
      }
      expect(await storedCheck(data)).toBe(checkOf(key));
      const after = await storedDefinitions(data);
      const newBox = boxOf(key, "the new key");
      for (const name of ["hook", "rabbit"] as const) {
        expect(newBox.open(name, after[name])).toEqual(definitionOf(name));
        expect(() => oldBox.open(name, after[name])).toThrow(
          unreadable(name, "this node's secret key (from the old key)"),
        );
        expect(after[name]).not.toEqual(before[name]);
      }
      // Nothing to seal: the row is as it was.
      expect(after.plain).toEqual(before.plain);

      const renewed = await startNode(data, { secretKey: key });
      try {
        for (const name of names) {
          expect(renewed.services.events.dispatcher.sinks.definition(name)).toEqual(definitionOf(name));
        }
      } finally {
        await renewed.close();
      }
      // The old key alone: its credentials are gone first, so the endpoint's message tells.
      await expect(startNode(data, { dataDir })).rejects.toMatchObject({
        name: "EndpointSecretsUnreadable",
        message: unreadable("hook", `this node's secret key (from ${keyFile})`),
      });
      expect(await storedCheck(data)).toBe(checkOf(key));
      expect(await storedDefinitions(data)).toEqual(after);
    } finally {
      await data.close();
    }
  });

  it("without stored credentials the old key alone is refused by the check value, with the mismatch message", async () => {
    const oldKey = newKey();
    const key = newKey();
    const data = await openEventTestStore();
    try {
      const node = await startNode(data, { secretKey: oldKey });
      await node.services.events.putEndpoint("plain", bodies.plain);
      await node.close();
      await (await startNode(data, { secretKey: key, previousSecretKey: oldKey })).close();
      expect(await storedCheck(data)).toBe(checkOf(key));
      await expect(startNode(data, { secretKey: oldKey })).rejects.toMatchObject({
        name: "InstanceKeyMismatch",
        message: mismatch("configuration"),
      });
      await (await startNode(data, { secretKey: key })).close();
      expect(await storedCheck(data)).toBe(checkOf(key));
    } finally {
      await data.close();
    }
  });

  it("finishes after a crash that re-sealed only some rows", async () => {
    const oldKey = newKey();
    const key = newKey();
    const data = await seeded({ secretKey: oldKey });
    try {
      const oldBox = boxOf(oldKey, "the old key");
      const newBox = boxOf(key, "the new key");
      // A rotating node that dies midway through re-sealing: 'hook' sealed under the new key,
      // 'rabbit' not yet. The check value is switched only after the re-seal, so it is still the old key's.
      await withRaw(data, async (store) => {
        const resealSomeThenDie = async () => {
          const hook = (await store.events.getEndpoint("hook"))!;
          const opened = oldBox.open("hook", hook.definition);
          await store.events.putEndpoint("hook", hook.kind, newBox.seal("hook", opened), Date.now());
          throw new Error("killed while re-sealing");
        };
        await expect(
          checkInstanceKey(store.keyCheck, loadInstanceSecret({ key }), {
            previous: loadInstanceSecret({ key: oldKey }),
            resealStored: resealSomeThenDie,
          }),
        ).rejects.toThrow("killed while re-sealing");
      });
      const crashed = await storedDefinitions(data);
      expect(newBox.open("hook", crashed.hook)).toEqual(definitionOf("hook"));
      expect(oldBox.open("rabbit", crashed.rabbit)).toEqual(definitionOf("rabbit"));
      expect(await storedCheck(data)).toBe(checkOf(oldKey));

      // Neither key alone opens every row.
      await expect(startNode(data, { secretKey: oldKey })).rejects.toMatchObject({
        name: "EndpointSecretsUnreadable",
        message: unreadable("hook", "this node's secret key (from configuration)"),
      });
      await expect(startNode(data, { secretKey: key })).rejects.toMatchObject({
        name: "EndpointSecretsUnreadable",
        message: unreadable("rabbit", "this node's secret key (from configuration)"),
      });

      const restarted = await startNode(data, { secretKey: key, previousSecretKey: oldKey });
      try {
        for (const name of names) {
          expect(restarted.services.events.dispatcher.sinks.definition(name)).toEqual(definitionOf(name));
        }
      } finally {
        await restarted.close();
      }
      expect(await storedCheck(data)).toBe(checkOf(key));
      const after = await storedDefinitions(data);
      expect(after.hook).toEqual(crashed.hook);
      expect(newBox.open("rabbit", after.rabbit)).toEqual(definitionOf("rabbit"));
      await (await startNode(data, { secretKey: key })).close();
    } finally {
      await data.close();
    }
  });

  it("after the switch, a start with both keys re-seals rows a node still on the old key wrote", async () => {
    const oldKey = newKey();
    const key = newKey();
    const data = await seeded({ secretKey: oldKey });
    try {
      await (await startNode(data, { secretKey: key, previousSecretKey: oldKey })).close();
      // A node not restarted yet writes an endpoint with the only key it has.
      const late = { kind: "webhook", url: "http://127.0.0.1:9/late", hmacSecret: "late-secret" } as const;
      await withRaw(data, (store) =>
        store.events.putEndpoint(
          "late",
          "webhook",
          boxOf(oldKey, "old").seal("late", parseEndpointDefinition("late", late)),
          Date.now(),
        ),
      );
      const both = await startNode(data, { secretKey: key, previousSecretKey: oldKey });
      try {
        expect(both.services.events.dispatcher.sinks.definition("late")).toEqual(parseEndpointDefinition("late", late));
      } finally {
        await both.close();
      }
      const stored = await storedDefinitions(data);
      expect(boxOf(key, "new").open("late", stored.late)).toEqual(parseEndpointDefinition("late", late));
      await (await startNode(data, { secretKey: key })).close();
    } finally {
      await data.close();
    }
  });

  it("swapping the two keys rotates back", async () => {
    const oldKey = newKey();
    const key = newKey();
    const data = await seeded({ secretKey: oldKey });
    try {
      await (await startNode(data, { secretKey: key, previousSecretKey: oldKey })).close();
      await (await startNode(data, { secretKey: oldKey, previousSecretKey: key })).close();
      expect(await storedCheck(data)).toBe(checkOf(oldKey));
      const stored = await storedDefinitions(data);
      for (const name of names) expect(boxOf(oldKey, "old").open(name, stored[name])).toEqual(definitionOf(name));
      await (await startNode(data, { secretKey: oldKey })).close();
    } finally {
      await data.close();
    }
  });

  it("refuses both keys when neither is the database's, naming both, and changes nothing", async () => {
    const key = newKey();
    const data = await seeded({ secretKey: key });
    try {
      const before = await storedDefinitions(data);
      const [other, another] = [newKey(), newKey()];
      await expect(
        withEnv({ DOPPEL_SECRET_KEY_PREVIOUS: another }, () => startNode(data, { secretKey: other })),
      ).rejects.toMatchObject({
        name: "EndpointSecretsUnreadable",
        message: unreadable(
          "hook",
          "this node's secret key (from configuration) nor with its previous key (from DOPPEL_SECRET_KEY_PREVIOUS)",
        ),
      });
      // Without stored credentials, the check value tells.
      await withRaw(data, async (store) => {
        for (const name of ["hook", "rabbit"]) await store.events.deleteEndpoint(name);
      });
      await expect(
        withEnv({ DOPPEL_SECRET_KEY_PREVIOUS: another }, () => startNode(data, { secretKey: other })),
      ).rejects.toMatchObject({
        name: "InstanceKeyMismatch",
        message: mismatchBoth("configuration", "DOPPEL_SECRET_KEY_PREVIOUS"),
      });
      expect(await storedCheck(data)).toBe(checkOf(key));
      expect(await storedDefinitions(data)).toEqual({ plain: before.plain });
    } finally {
      await data.close();
    }
  });
  it("the re-seal at start loses to changes made meanwhile, and keeps kind and times", async () => {
    const oldKey = newKey();
    const key = newKey();
    const data = await seeded({ secretKey: oldKey });
    try {
      await withRaw(data, async (store) => {
        const oldBox = boxOf(oldKey, "the old key");
        const newBox = boxOf(key, "the new key");
        const gone = parseEndpointDefinition("gone", { ...bodies.hook, url: "http://127.0.0.1:9/gone" });
        const quiet = parseEndpointDefinition("quiet", { ...bodies.hook, url: "http://127.0.0.1:9/quiet" });
        await store.events.putEndpoint("gone", "webhook", oldBox.seal("gone", gone), 1000);
        await store.events.putEndpoint("quiet", "webhook", oldBox.seal("quiet", quiet), 1000);
        const both = sealEventStore(
          store.events,
          new EndpointSecretBox(loadInstanceSecret({ key }).derive("endpoint-secrets"), "the new key", {
            key: loadInstanceSecret({ key: oldKey }).derive("endpoint-secrets"),
            source: "the old key",
          }),
        );
        const before = await store.events.listEndpoints();
        const pending = await both.checkStored();
        expect(pending.map(({ stored, definition }) => [stored.name, definition])).toEqual([
          ["gone", gone],
          ["hook", definitionOf("hook")],
          ["quiet", quiet],
          ["rabbit", definitionOf("rabbit")],
        ]);
        // Between the read and the re-seal: a node on the old key deletes 'gone' and replaces
        // 'hook'; a node on the new key replaces 'rabbit'.
        const moved = parseEndpointDefinition("hook", { ...bodies.hook, url: "http://127.0.0.1:9/moved" });
        const otherExchange = parseEndpointDefinition("rabbit", { ...bodies.rabbit, exchange: "other" });
        await store.events.deleteEndpoint("gone");
        await store.events.putEndpoint("hook", "webhook", oldBox.seal("hook", moved), 5000);
        await store.events.putEndpoint("rabbit", "amqp", newBox.seal("rabbit", otherExchange), 6000);
        const rabbitWritten = (await store.events.getEndpoint("rabbit"))!;

        // 'quiet' as read, and 'hook' read again (it still needs the new key): two rows sealed.
        expect(await both.resealStored(pending)).toBe(2);
        const after = await store.events.listEndpoints();
        const row = (name: string) => after.find((endpoint) => endpoint.name === name)!;
        const was = (name: string) => before.find((endpoint) => endpoint.name === name)!;
        expect(after.map((endpoint) => endpoint.name)).toEqual(["hook", "plain", "quiet", "rabbit"]);
        expect(newBox.open("hook", row("hook").definition)).toEqual(moved);
        expect([row("hook").createdAt, row("hook").updatedAt]).toEqual([was("hook").createdAt, 5000]);
        expect(newBox.open("quiet", row("quiet").definition)).toEqual(quiet);
        expect({ ...row("quiet"), definition: undefined }).toEqual({ ...was("quiet"), definition: undefined });
        expect(row("rabbit")).toEqual(rabbitWritten);
        expect(row("plain")).toEqual(was("plain"));
        expect(await both.checkStored()).toEqual([]);
      });
    } finally {
      await data.close();
    }
  });

  it("a node still on the old key answers 503 for endpoints it cannot open, and counts and routes by name", async () => {
    const oldKey = newKey();
    const key = newKey();
    const data = await openEventTestStore();
    const old = await startNode(data, { secretKey: oldKey });
    const app = buildApp(old.services, [endpointRoutes, eventRouteRoutes]);
    let rotated: Node | undefined;
    const call = async (method: "GET" | "PUT" | "PATCH", url: string, payload?: object) => {
      const response = await app.inject({ method, url, ...(payload ? { payload } : {}) });
      return [response.statusCode, response.headers["x-ms-error-code"] ?? null, response.body];
    };
    const refused = (name: string) => [
      503,
      "EndpointSecretsUnreadable",
      JSON.stringify({
        error: { code: "EndpointSecretsUnreadable", message: unreadable(name, "this node's secret key") },
      }),
    ];
    try {
      for (const name of names) await old.services.events.putEndpoint(name, bodies[name]);
      rotated = await startNode(data, { secretKey: key, previousSecretKey: oldKey });
      expect(await call("GET", "/admin/endpoints")).toEqual(refused("hook"));
      expect(await call("GET", "/admin/endpoints/hook")).toEqual(refused("hook"));
      expect(await call("PATCH", "/admin/endpoints/rabbit", { exchange: "other" })).toEqual(refused("rabbit"));
      // Existence and counts need no key: a route naming a re-sealed endpoint, a replace, a new endpoint.
      expect(
        await call("PUT", "/eventroutes/to-rabbit?api-version=2023-10-31", { endpointName: "rabbit", filter: "true" }),
      ).toEqual([204, null, ""]);
      expect((await call("PUT", "/admin/endpoints/hook", bodies.hook))[0]).toBe(200);
      expect((await call("PUT", "/admin/endpoints/extra", bodies.plain))[0]).toBe(201);
      // This node sealed 'hook' again with the only key it has: it opens it, and so does the rotated node.
      expect((await call("GET", "/admin/endpoints/hook"))[0]).toBe(200);
      expect(await rotated.services.events.getEndpoint("hook")).toEqual(await old.services.events.getEndpoint("hook"));
      expect(await call("GET", "/admin/endpoints")).toEqual(refused("rabbit"));
      expect((await rotated.services.events.listEndpoints()).map((endpoint) => endpoint.name)).toEqual([
        "extra",
        "hook",
        "plain",
        "rabbit",
      ]);
    } finally {
      await app.close();
      await rotated?.close();
      await old.close();
      await data.close();
    }
  });
});

const hasPostgres = await requireService("postgres", "instance key rotation: nodes sharing PostgreSQL");

describe.runIf(hasPostgres)("rotating the key of nodes sharing PostgreSQL", () => {
  it("compare-and-sets race to one switch: one caller's value is stored, every caller is answered it", async () => {
    await onOneSchema("keyrotate", async (open, schema) => {
      const stores = await Promise.all([open(), open(), open()]);
      expect(await stores[0]!.keyCheck.claim("v1.old")).toBe("v1.old");
      const answers = await Promise.all(
        stores.flatMap((store, s) =>
          Array.from({ length: 4 }, (_, c) => store.keyCheck.compareAndSet("v1.old", `v1.node-${s}-switch-${c}`)),
        ),
      );
      const winner = answers[0]!;
      expect(winner).toMatch(/^v1\.node-[0-2]-switch-[0-3]$/);
      expect(answers).toEqual(answers.map(() => winner));
      expect(await storedChecks(schema)).toEqual([{ id: 1, value: winner }]);
    });
  });

  it("two nodes rotating at once both start; the stored value ends as the new key's", async () => {
    await onOneSchema("keyrotate", async (open, schema) => {
      const oldKey = newKey();
      const key = newKey();
      const seeding = await startOn(await open(), { secretKey: oldKey });
      for (const name of names) await seeding.services.events.putEndpoint(name, bodies[name]);
      await seeding.close();

      const [a, b] = await Promise.all([open(), open()]);
      const nodes = await Promise.all([
        startOn(a, { secretKey: key, previousSecretKey: oldKey }),
        startOn(b, { secretKey: key, previousSecretKey: oldKey }),
      ]);
      try {
        expect(await storedChecks(schema)).toEqual([{ id: 1, value: checkOf(key) }]);
        for (const node of nodes) {
          for (const name of names) {
            expect(node.services.events.dispatcher.sinks.definition(name)).toEqual(definitionOf(name));
          }
        }
        const reader = await open();
        const newBox = boxOf(key, "the new key");
        for (const row of await reader.events.listEndpoints()) {
          expect(newBox.open(row.name, row.definition)).toEqual(definitionOf(row.name as EndpointName));
        }
        await expect(startOn(await open(), { secretKey: oldKey })).rejects.toMatchObject({
          name: "EndpointSecretsUnreadable",
          message: unreadable("hook", "this node's secret key (from configuration)"),
        });
      } finally {
        await Promise.all(nodes.map((node) => node.close()));
      }
    });
  });

  it("a node still running on the old key skips what it cannot open and follows the rest, routes included", async () => {
    await onOneSchema("keyrotate", async (open) => {
      const oldKey = newKey();
      const key = newKey();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const warnings = () => warn.mock.calls.map(([message, error]) => [message, (error as Error).message]);
      const skipped = [
        "doppel: skipped the event endpoint 'hook': this node's keys do not open it",
        unreadable("hook", "this node's secret key (from configuration)"),
      ];
      const old = await startOn(await open(), { secretKey: oldKey });
      let rotated: Node | undefined;
      try {
        await old.services.events.putEndpoint("hook", bodies.hook);
        await old.services.events.putEndpoint("plain", bodies.plain);
        rotated = await startOn(await open(), { secretKey: key, previousSecretKey: oldKey });
        const routesOf = (name: string) => old.services.events.dispatcher.routesOf(name).map((route) => route.id);
        // A route made on the rotated node reaches the old one; its reload skips 'hook', logged once.
        await rotated.services.events.putRoute("to-plain", { endpointName: "plain", filter: "true" });
        await eventually(
          () => routesOf("plain"),
          (ids) => ids.includes("to-plain"),
        );
        await rotated.services.events.putRoute("to-hook", { endpointName: "hook", filter: "true" });
        await eventually(
          () => routesOf("hook"),
          (ids) => ids.includes("to-hook"),
        );
        // Endpoint changes it can open are followed; 'hook' stays as this node held it.
        const moved = "http://127.0.0.1:9/moved";
        await rotated.services.events.patchEndpoint("plain", { url: moved });
        await rotated.services.events.patchEndpoint("hook", { url: moved });
        const sinks = old.services.events.dispatcher.sinks;
        const movedPlain = parseEndpointDefinition("plain", { ...bodies.plain, url: moved });
        await eventually(
          () => JSON.stringify(sinks.definition("plain")),
          (seen) => seen === JSON.stringify(movedPlain),
        );
        expect(sinks.definition("plain")).toEqual(movedPlain);
        expect(sinks.definition("hook")).toEqual(definitionOf("hook"));
        await rotated.services.events.deleteRoute("to-plain");
        await eventually(
          () => routesOf("plain"),
          (ids) => ids.length === 0,
        );
        expect(routesOf("hook")).toEqual(["to-hook"]);
        expect(warnings()).toEqual([skipped]);
        // Live-stream ids of the old node are not ids of the new key.
        expect(rotated.services.events.streams.ids.decode(old.services.events.streams.ids.encode(42))).toBeUndefined();
      } finally {
        warn.mockRestore();
        await rotated?.close();
        await old.close();
      }
    });
  });
});
