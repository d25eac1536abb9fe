import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp from "amqplib";
import Database from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { buildApp } from "../../src/http/app.js";
import { endpointRoutes } from "../../src/http/routes/endpoints.js";
import { eventRouteRoutes } from "../../src/http/routes/eventRoutes.js";
import type { Services } from "../../src/http/services.js";
import { createServices } from "../../src/server/createServices.js";
import { loadInstanceSecret } from "../../src/server/instanceSecret.js";
import { openStore } from "../../src/store/openStore.js";
import { openPostgresTestStore, postgresTestUrl } from "../store/support/postgresTestStore.js";
import { loopbackServices, requireService } from "../support/services.js";
import { eventually, rawRequest } from "./support/eventHarness.js";
import { type EventTestStore, openEventTestStore } from "./support/eventTestStore.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhookReceiver.js";

const v = "api-version=2023-10-31";
const run = randomUUID().slice(0, 8);

/**
 * A node over the run's store (a SQLite file, or with `DOPPEL_TEST_STORE=postgres` a PostgreSQL
 * schema), with the endpoint and route APIs on plain HTTP; closed and reopened at will, each time
 * through a store of its own, as a restarted process would open it.
 */
interface Node {
  readonly url: string;
  readonly services: Services;
  close(): Promise<void>;
}

async function startNode(data: EventTestStore, security: { dataDir?: string; secretKey?: string }): Promise<Node> {
  const store = await openStore(data.storeUrl, {
    poolSize: 4,
    queryPoolSize: 1,
    leasePollMs: 100,
    log: () => undefined,
  });
  let services: Services;
  try {
    services = await createServices(store, { events: { pollIntervalMs: 50, log: () => undefined } }, security);
  } catch (error) {
    await store.close();
    throw error;
  }
  const app: FastifyInstance = buildApp(services, [endpointRoutes, eventRouteRoutes]);
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    services,
    async close() {
      await app.close();
      await services.events.stop();
      await store.close();
    },
  };
}

/** Appends a Twin.Update to the outbox through a connection of its own, as another writer would. */
async function commit(data: EventTestStore, node: Node, twinId: string): Promise<void> {
  await data.append([{ twinId }]);
  node.services.events.notify();
}

/**
 * Runs one statement (`?` placeholders) on the endpoints table of the run's store past the
 * services, as an operator with a database client would: what is stored is what this reads.
 */
async function onEndpointsTable(data: EventTestStore, sql: string, params: unknown[]): Promise<unknown[]> {
  if (data.kind === "sqlite") {
    const db = new Database(data.storeUrl);
    try {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params);
      statement.run(...params);
      return [];
    } finally {
      db.close();
    }
  }
  const schema = new URL(data.storeUrl).searchParams.get("schema");
  const client = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
  } finally {
    await client.end();
  }
}

async function storedRow(data: EventTestStore, name: string): Promise<string> {
  const rows = await onEndpointsTable(data, "SELECT definition FROM event_endpoints WHERE name = ?", [name]);
  expect(rows, `stored endpoint ${name}`).toHaveLength(1);
  return (rows[0] as { definition: string }).definition;
}

let dir: string;
let receiver: WebhookReceiver;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "doppel-secrets-"));
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

// Store-independent (the key lives outside the database, with either store): these run in both
// passes, which costs milliseconds, rather than depend on which pass covers them.
describe("the instance secret key", () => {
  it("is generated once in the data directory (mode 0600) and read back on the next start", () => {
    const dataDir = join(dir, "keygen");
    const first = loadInstanceSecret({ dataDir, env: {} });
    const path = join(dataDir, "secret.key");
    expect(first.source).toBe(path);
    expect(readFileSync(path, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = loadInstanceSecret({ dataDir, env: {} });
    expect(second.derive("x").equals(first.derive("x"))).toBe(true);
    // One key per purpose.
    expect(first.derive("x").equals(first.derive("y"))).toBe(false);
  });

  it("comes from DOPPEL_SECRET_KEY, then DOPPEL_SECRET_KEY_FILE, before the data directory", () => {
    const key = randomBytes(32);
    const dataDir = join(dir, "keygen");
    const fromHex = loadInstanceSecret({ dataDir, env: { DOPPEL_SECRET_KEY: key.toString("hex") } });
    const fromBase64 = loadInstanceSecret({ dataDir, env: { DOPPEL_SECRET_KEY: key.toString("base64") } });
    const keyFile = join(dir, "mounted.key");
    writeFileSync(keyFile, `${key.toString("base64url")}\n`);
    const fromFile = loadInstanceSecret({ dataDir, env: { DOPPEL_SECRET_KEY_FILE: keyFile } });
    expect(fromHex.source).toBe("DOPPEL_SECRET_KEY");
    expect(fromFile.source).toBe(keyFile);
    expect(fromBase64.derive("p").equals(fromHex.derive("p"))).toBe(true);
    expect(fromFile.derive("p").equals(fromHex.derive("p"))).toBe(true);
    expect(fromHex.derive("p").equals(loadInstanceSecret({ dataDir, env: {} }).derive("p"))).toBe(false);
    expect(() => loadInstanceSecret({ env: { DOPPEL_SECRET_KEY: "too-short" } })).toThrow(
      "DOPPEL_SECRET_KEY must be a 32-byte key written as 64 hex digits or in base64 (generate one with: openssl rand -hex 32)",
    );
  });
});

describe("endpoint credentials at rest", () => {
  // The first test seals credentials into it; the last one starts nodes over them with other keys.
  let sealedStore: EventTestStore;
  beforeAll(async () => {
    sealedStore = await openEventTestStore();
  });
  afterAll(async () => {
    await sealedStore?.close();
  });

  it("are stored encrypted, never answered, and still used for delivery after a restart", async () => {
    const dataDir = join(dir, "sealed-data");
    const definition = {
      kind: "webhook",
      url: receiver.url,
      secretHeaders: { authorization: `Bearer token-${run}` },
      hmacSecret: `hmac-${run}`,
    };
    let node = await startNode(sealedStore, { dataDir });
    try {
      const put = await rawRequest(node.url, "PUT", "/admin/endpoints/sealed", { body: definition });
      expect(put.status).toBe(201);
      const route = await rawRequest(node.url, "PUT", `/eventroutes/sealed?${v}`, {
        body: { endpointName: "sealed", filter: "subject = 'sealed-twin'" },
      });
      expect(route.status).toBe(204);
      const row = JSON.parse(await storedRow(sealedStore, "sealed")) as Record<string, unknown>;
      expect(Object.keys(row).sort()).toEqual(
        ["format", "headers", "kind", "name", "retry", "sealedSecrets", "signatureHeader", "timeoutMs", "url"].sort(),
      );
      expect(row.sealedSecrets).toMatch(/^v1\.[A-Za-z0-9_-]{40,}$/);
      expect(await storedRow(sealedStore, "sealed")).not.toContain(run);
      const get = await rawRequest(node.url, "GET", "/admin/endpoints/sealed");
      expect(get.status).toBe(200);
      expect(get.text).not.toContain(run);
      expect(get.text).not.toContain("sealedSecrets");
      expect(get.body.secrets).toEqual(["hmacSecret", "secretHeaders.authorization"]);

      await commit(sealedStore, node, "sealed-twin");
      await eventually(
        () => receiver.received.filter((r) => r.body.includes('"sealed-twin"')).length,
        (n) => n === 1,
      );
      await node.close();
      // Another start with the same data directory reads the same key and the same credentials.
      node = await startNode(sealedStore, { dataDir });
      await commit(sealedStore, node, "sealed-twin");
      const received = await eventually(
        () => receiver.received.filter((r) => r.body.includes('"sealed-twin"')),
        (list) => list.length === 2,
      );
      for (const request of received) {
        expect(request.headers.authorization).toBe(`Bearer token-${run}`);
        expect(request.headers["x-doppel-signature"]).toBe(
          `sha256=${createHmac("sha256", `hmac-${run}`).update(request.body).digest("hex")}`,
        );
      }
    } finally {
      await node.close();
    }
  });

  it("rows stored in clear before encryption are read, delivered with, and sealed at start", async () => {
    const data = await openEventTestStore();
    // The store itself, without the services' sealing layer, writes as a release before encryption did.
    const legacy = data.store;
    const definition = parseEndpointDefinition("legacy", {
      kind: "webhook",
      url: receiver.url,
      secretHeaders: { authorization: `Bearer legacy-${run}` },
    });
    await legacy.events.putEndpoint("legacy", "webhook", definition, Date.now());
    await legacy.events.putRoute({ id: "legacy", endpointName: "legacy", filter: "subject = 'legacy-twin'" }, 0, 1);
    expect(await storedRow(data, "legacy")).toContain(`Bearer legacy-${run}`);

    let node: Node | undefined;
    try {
      node = await startNode(data, { dataDir: join(dir, "legacy-data") });
      expect(await storedRow(data, "legacy")).not.toContain(`legacy-${run}`);
      expect(JSON.parse(await storedRow(data, "legacy")).sealedSecrets).toMatch(/^v1\./);
      await commit(data, node, "legacy-twin");
      const [request] = await eventually(
        () => receiver.received.filter((r) => r.body.includes('"legacy-twin"')),
        (list) => list.length === 1,
      );
      expect(request!.headers.authorization).toBe(`Bearer legacy-${run}`);
      const get = await rawRequest(node.url, "GET", "/admin/endpoints/legacy");
      expect(get.body.secrets).toEqual(["secretHeaders.authorization"]);
    } finally {
      await node?.close();
      await data.close();
    }
  });

  it("a node whose key cannot open the stored credentials refuses to start, naming the endpoint", async () => {
    const other = randomBytes(32).toString("hex");
    await expect(startNode(sealedStore, { secretKey: other })).rejects.toThrow(
      "The stored credentials of the event endpoint 'sealed' cannot be decrypted with this node's secret key " +
        "(from configuration). Every node sharing a database must use the same key: set DOPPEL_SECRET_KEY (or " +
        "DOPPEL_SECRET_KEY_FILE) on every node to the key that sealed them.",
    );
    // Sealed credentials pasted into another endpoint do not open either (bound to the name).
    const sealed = JSON.parse(await storedRow(sealedStore, "sealed")).sealedSecrets as string;
    await onEndpointsTable(
      sealedStore,
      "INSERT INTO event_endpoints (name, kind, definition, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
      [
        "pasted",
        "webhook",
        JSON.stringify({
          ...parseEndpointDefinition("pasted", { kind: "webhook", url: receiver.url }),
          sealedSecrets: sealed,
        }),
      ],
    );
    await expect(startNode(sealedStore, { dataDir: join(dir, "sealed-data") })).rejects.toThrow(
      `The stored credentials of the event endpoint 'pasted' cannot be decrypted with this node's secret key (from ${join(dir, "sealed-data", "secret.key")}).`,
    );
  });
});

const hasRabbit = await requireService("rabbitmq", "endpoint secrets: AMQP password");

describe.runIf(hasRabbit)("a broker password sealed at rest", () => {
  it("still authenticates to RabbitMQ after a restart", async () => {
    const data = await openEventTestStore();
    const dataDir = join(dir, "amqp-data");
    const connection = await amqp.connect(loopbackServices.rabbitmq.url);
    const channel = await connection.createChannel();
    const exchange = `doppel-secrets-${run}`;
    await channel.assertExchange(exchange, "fanout", { durable: false, autoDelete: true });
    const { queue } = await channel.assertQueue("", { exclusive: true });
    await channel.bindQueue(queue, exchange, "");
    const got: string[] = [];
    await channel.consume(queue, (message) => message && got.push(message.properties.messageId as string), {
      noAck: true,
    });
    let node = await startNode(data, { dataDir });
    try {
      const put = await rawRequest(node.url, "PUT", "/admin/endpoints/rabbit", {
        body: { kind: "amqp", url: "amqp://guest:guest@127.0.0.1:5672/", exchange },
      });
      expect(put.status).toBe(201);
      expect(put.body.secrets).toEqual(["password"]);
      expect(JSON.parse(await storedRow(data, "rabbit")).password).toBeUndefined();
      await rawRequest(node.url, "PUT", `/eventroutes/rabbit?${v}`, {
        body: { endpointName: "rabbit", filter: "true" },
      });
      await node.close();
      node = await startNode(data, { dataDir });
      await commit(data, node, "amqp-twin");
      await eventually(
        () => got.length,
        (n) => n === 1,
      );
      expect(got[0]).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await node.close();
      await connection.close();
      await data.close();
    }
  });
});

const hasPostgres = await requireService("postgres", "endpoint secrets: nodes sharing PostgreSQL");

describe.runIf(hasPostgres)("nodes sharing one PostgreSQL database", () => {
  it("share credentials and stream ids with the same key; a node with another key refuses to start", async () => {
    const key = randomBytes(32).toString("hex");
    const config = { events: { pollIntervalMs: 50, log: () => undefined } };
    const first = await openPostgresTestStore();
    const second = await openPostgresTestStore({ schema: first.schema });
    const third = await openPostgresTestStore({ schema: first.schema });
    const a = await createServices(first, config, { secretKey: key });
    const b = await createServices(second, config, { secretKey: key });
    try {
      await a.events.putEndpoint("hook", {
        kind: "webhook",
        url: receiver.url,
        secretHeaders: { authorization: `Bearer pg-${run}` },
      });
      const stored = await first.events.getEndpoint("hook");
      expect(JSON.stringify(stored?.definition)).not.toContain(`pg-${run}`);
      // The other node hears of the change and opens the credentials with the shared key.
      const seen = await eventually(
        () => b.events.dispatcher.sinks.definition("hook"),
        (definition) => definition !== undefined,
      );
      expect(seen).toMatchObject({ secretHeaders: { authorization: `Bearer pg-${run}` } });
      expect(b.events.streams.ids.decode(a.events.streams.ids.encode(4242))).toBe(4242);
      await expect(createServices(third, config, { secretKey: randomBytes(32).toString("hex") })).rejects.toThrow(
        "The stored credentials of the event endpoint 'hook' cannot be decrypted with this node's secret key " +
          "(from configuration).",
      );
    } finally {
      await a.events.stop();
      await b.events.stop();
      await third.close();
      await second.close();
      await first.destroy();
    }
  });
});
