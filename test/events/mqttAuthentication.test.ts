import { randomUUID } from "node:crypto";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDeliveryEvent } from "../../src/events/delivery/deliveryEvent.js";
import { defaultRetryPolicy, type MqttEndpoint } from "../../src/events/endpoints/endpointDefinition.js";
import { MqttConnection } from "../../src/events/sinks/mqtt/mqttConnection.js";
import { PacketReader, PacketType } from "../../src/events/sinks/mqtt/mqttPackets.js";
import { MqttSink } from "../../src/events/sinks/mqttSink.js";
import { type PrivateMosquitto, requireMosquittoBinary, startPrivateMosquitto } from "../support/privateMosquitto.js";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";
import { PublishCollector } from "./support/publishCollector.js";

const hasMosquitto = requireMosquittoBinary("MQTT authentication against a private Mosquitto");
const run = randomUUID().slice(0, 8);
const user = "doppel";
const password = "s3cret: pass ✓";
const refused = "MQTT broker refused the connection: not authorized";

/**
 * A TCP relay in front of the private broker that reads the CONNACK return codes it passes back,
 * so the tests see the broker's own answer, not only the client's rendering of it.
 */
interface ConnackTap {
  readonly url: string;
  readonly returnCodes: number[];
  close(): Promise<void>;
}

async function startConnackTap(target: PrivateMosquitto): Promise<ConnackTap> {
  const returnCodes: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const reader = new PacketReader();
    upstream.on("data", (chunk: Buffer) => {
      reader.push(chunk, (packet) => {
        if (packet.type === PacketType.connack) returnCodes.push(packet.body[1]!);
      });
      client.write(chunk);
    });
    upstream.on("end", () => client.end());
    client.pipe(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    returnCodes,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe.runIf(hasMosquitto)("MQTT CONNACK refusal and user name/password, against a private Mosquitto", () => {
  let broker: PrivateMosquitto;
  let tap: ConnackTap;
  let subscriber: MqttClient;
  const got: { topic: string; payload: string }[] = [];
  const payloadsUnder = (prefix: string) => got.filter((m) => m.topic.startsWith(prefix)).map((m) => m.payload);

  beforeAll(async () => {
    broker = await startPrivateMosquitto({
      users: { [user]: password, watcher: "watch" },
      builtinUsers: { builtin: "written by passwordFileLine" },
    });
    tap = await startConnackTap(broker);
    subscriber = await mqtt.connectAsync(broker.url, {
      clientId: `auth-sub-${run}`,
      username: "watcher",
      password: "watch",
    });
    subscriber.on("message", (topic, payload) => got.push({ topic, payload: payload.toString() }));
    await subscriber.subscribeAsync(`auth/${run}/#`, { qos: 1 });
  });
  afterAll(async () => {
    await subscriber?.endAsync();
    await tap?.close();
    await broker?.stop();
  });

  /** Publishes `count` QoS 1 messages through the tap; answers how each settled. */
  async function publishThroughTap(
    credentials: { username?: string; password?: string },
    prefix: string,
    count: number,
  ): Promise<{ results: string[]; connection: MqttConnection }> {
    const connection = new MqttConnection({ url: tap.url, clientId: `auth-pub-${randomUUID()}`, ...credentials });
    const owner = new PublishCollector();
    for (let i = 0; i < count; i++) connection.publish(`${prefix}x`, `${prefix}${i}`, 1, owner, i);
    try {
      await owner.whenSettled(count, 10_000);
    } finally {
      await connection.close();
    }
    return { results: owner.results, connection };
  }

  it("publishes with the right user name and password (CONNACK 0)", async () => {
    const prefix = `auth/${run}/ok/`;
    const codes = tap.returnCodes.length;
    const { results } = await publishThroughTap({ username: user, password }, prefix, 3);
    expect(results).toEqual(["ok", "ok", "ok"]);
    expect(tap.returnCodes.slice(codes)).toEqual([0]);
    await eventually(
      () => payloadsUnder(prefix),
      (p) => p.length >= 3,
    );
    expect(payloadsUnder(prefix)).toEqual([`${prefix}0`, `${prefix}1`, `${prefix}2`]);
  });

  it("publishes as a user whose password line was written without mosquitto_passwd", async () => {
    const prefix = `auth/${run}/builtin/`;
    const { results } = await publishThroughTap(
      { username: "builtin", password: "written by passwordFileLine" },
      prefix,
      1,
    );
    expect(results).toEqual(["ok"]);
    await eventually(
      () => payloadsUnder(prefix),
      (p) => p.length >= 1,
    );
    expect(payloadsUnder(prefix)).toEqual([`${prefix}0`]);
  });

  it.each([
    ["a wrong password", { username: user, password: "wrong" }],
    ["a known user without a password", { username: user }],
    ["a user name the broker does not know", { username: "nobody", password }],
    ["no credentials", {}],
  ])(
    "refuses %s with CONNACK 5 (not authorized), and every waiting message fails with that reason",
    async (_, credentials) => {
      const prefix = `auth/${run}/refused-${randomUUID().slice(0, 4)}/`;
      const codes = tap.returnCodes.length;
      const started = Date.now();
      const { results, connection } = await publishThroughTap(credentials, prefix, 2);
      expect(results).toEqual([refused, refused]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(tap.returnCodes.slice(codes)).toEqual([5]);
      expect([connection.connected, connection.backlog]).toEqual([false, 0]);
      // Nothing got through: a message published after the refused ones still arrives alone.
      const { results: after } = await publishThroughTap({ username: user, password }, prefix, 1);
      expect(after).toEqual(["ok"]);
      await eventually(
        () => payloadsUnder(prefix),
        (p) => p.length >= 1,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(payloadsUnder(prefix)).toEqual([`${prefix}0`]);
    },
  );

  it("fails an MQTT sink's batch with the refusal as each event's error", async () => {
    const endpoint: MqttEndpoint = {
      name: `auth-sink-${run}`,
      kind: "mqtt",
      retry: defaultRetryPolicy,
      timeoutMs: 5000,
      url: broker.url,
      topic: `auth/${run}/sink/{twinId}`,
      qos: 1,
      username: user,
      password: "wrong",
    };
    const sink = new MqttSink(endpoint);
    const events = ["a", "b"].map((twinId, i) =>
      toDeliveryEvent({ seq: i + 1, twinId, type: "Microsoft.DigitalTwins.Twin.Update", event: "{}", createdAt: 0 }),
    );
    try {
      expect(await sink.send(events)).toEqual([
        { ok: false, error: refused },
        { ok: false, error: refused },
      ]);
    } finally {
      await sink.close();
    }
    const fixed = new MqttSink({ ...endpoint, password });
    try {
      expect(await fixed.send(events)).toEqual([{ ok: true }, { ok: true }]);
    } finally {
      await fixed.close();
    }
  });

  describe("through the event pipeline", () => {
    let h: EventHarness;
    beforeAll(async () => {
      h = await startEventHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    it("shows the refusal as the endpoint's last error, and delivers once the password is right", async () => {
      const name = `locked-${run}`;
      const prefix = `auth/${run}/pipeline/`;
      const slowRetry = { maxAttempts: 1000, initialDelayMs: 600_000, maxDelayMs: 600_000 };
      const put = await h.request("PUT", `/admin/endpoints/${name}`, {
        body: {
          kind: "mqtt",
          url: broker.url,
          topic: `${prefix}{twinId}`,
          username: user,
          password: "wrong",
          retry: slowRetry,
        },
      });
      expect(put.status).toBe(201);
      const route = await h.request("PUT", `/eventroutes/${name}?api-version=2023-10-31`, {
        body: { endpointName: name, filter: "true" },
      });
      expect(route.status).toBe(204);
      const delivery = async () => {
        const res = await h.request("GET", `/admin/endpoints/${name}`);
        expect(res.status).toBe(200);
        return res.body.delivery as Record<string, unknown>;
      };
      await eventually(delivery, (d) => d.status === "healthy");
      await h.commit([{ twinId: "pump-1" }]);
      const failing = await eventually(delivery, (d) => d.consecutiveFailures === 1);
      expect(failing).toEqual({
        status: "retrying",
        routes: [name],
        lastSuccessTime: null,
        lastErrorTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        lastError: refused,
        consecutiveFailures: 1,
        backlog: 1,
      });
      expect(payloadsUnder(prefix)).toEqual([]);

      // Fixing the password changes the definition, which retries at once.
      const patch = await h.request("PATCH", `/admin/endpoints/${name}`, { body: { password } });
      expect(patch.status).toBe(200);
      const healthy = await eventually(delivery, (d) => d.status === "healthy" && d.backlog === 0);
      expect(healthy).toEqual({
        ...failing,
        status: "healthy",
        lastSuccessTime: expect.any(String),
        consecutiveFailures: 0,
        backlog: 0,
      });
      await eventually(
        () => payloadsUnder(prefix),
        (p) => p.length >= 1,
      );
      expect(
        got.filter((m) => m.topic.startsWith(prefix)).map((m) => [m.topic, JSON.parse(m.payload).subject]),
      ).toEqual([[`${prefix}pump-1`, "pump-1"]]);
    });
  });
});
