import { randomUUID } from "node:crypto";
import { type AddressInfo, createServer, type Socket } from "node:net";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MqttConnection } from "../../src/events/sinks/mqtt/mqttConnection.js";
import { generateSelfSigned } from "../../src/server/tls.js";
import { startMqttWebSocketRelay } from "../support/mqttWebSocketRelay.js";
import { loopbackServices, requireService } from "../support/services.js";
import { PublishCollector } from "./support/publishCollector.js";

const broker = loopbackServices.mosquitto;
const hasMqtt = await requireService("mosquitto", "MQTT over WebSocket (relayed to Mosquitto)");
const run = randomUUID().slice(0, 8);

interface Received {
  topic: string;
  payload: Buffer;
  qos: number;
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(hasMqtt)("MqttConnection over WebSocket, through a relay to Mosquitto", () => {
  let subscriber: MqttClient;
  const got: Received[] = [];
  /** What arrived on topics under `prefix`. */
  const under = (prefix: string) => got.filter((m) => m.topic.startsWith(prefix));
  const payloadsUnder = (prefix: string) => under(prefix).map((m) => m.payload.toString());

  beforeAll(async () => {
    subscriber = await mqtt.connectAsync(broker.url, { clientId: `ws-sub-${run}` });
    subscriber.on("message", (topic, payload, packet) => got.push({ topic, payload, qos: packet.qos }));
    await subscriber.subscribeAsync(`mqtt-ws/${run}/#`, { qos: 1 });
  });
  afterAll(async () => {
    await subscriber.endAsync();
  });

  it("publishes QoS 1 and QoS 0 over ws:// offering subprotocol mqtt; the subscriber gets each exactly, in order", async () => {
    const relay = await startMqttWebSocketRelay();
    const connection = new MqttConnection({ url: `${relay.url}/mqtt`, clientId: `ws-pub-${run}-1` });
    const owner = new PublishCollector();
    const prefix = `mqtt-ws/${run}/a/`;
    // Below Mosquitto's 20 in flight towards the subscriber, so its QoS 0 cannot overtake queued QoS 1.
    const sent = Array.from({ length: 16 }, (_, i) => ({
      topic: `${prefix}${i % 3}`,
      payload: i === 5 ? Buffer.from([0, 1, 2, 0xfe, 0xff]) : Buffer.from(`a-${i} ✓ ${"x".repeat(i * 100)}`),
      qos: i % 2 === 0 ? 1 : 0,
    }));
    try {
      for (const [i, m] of sent.entries()) connection.publish(m.topic, m.payload, m.qos as 0 | 1, owner, i);
      await owner.whenSettled(sent.length);
      expect(owner.results).toEqual(sent.map(() => "ok"));
      expect(connection.backlog).toBe(0);
      await eventually(() => under(prefix).length >= sent.length);
      expect(under(prefix)).toEqual(sent);

      // QoS 0 alone, after the QoS 1 window drained: settled once written, still in order.
      for (let i = 0; i < 50; i++) connection.publish(`${prefix}0`, `q0-${i}`, 0, owner, sent.length + i);
      await owner.whenSettled(sent.length + 50);
      expect(owner.results.slice(sent.length)).toEqual(Array.from({ length: 50 }, () => "ok"));
      await eventually(() => under(prefix).length >= sent.length + 50);
      expect(under(prefix).slice(sent.length)).toEqual(
        Array.from({ length: 50 }, (_, i) => ({ topic: `${prefix}0`, payload: Buffer.from(`q0-${i}`), qos: 0 })),
      );

      expect(relay.connections).toEqual([
        { offered: ["mqtt"], protocol: "mqtt", path: "/mqtt", binaryFrames: expect.any(Number), textFrames: 0 },
      ]);
      // CONNECT, then at least one frame of publishes.
      expect(relay.connections[0]!.binaryFrames).toBeGreaterThanOrEqual(2);
      expect(relay.refused).toBe(0);
    } finally {
      await connection.close();
      await relay.close();
    }
  });

  it("reads CONNACK and PUBACKs that arrive split across WebSocket frames (3 bytes a frame)", async () => {
    const relay = await startMqttWebSocketRelay({ maxFrameBytes: 3 });
    const connection = new MqttConnection({ url: relay.url, clientId: `ws-pub-${run}-2`, maxInflight: 50 });
    const owner = new PublishCollector();
    const prefix = `mqtt-ws/${run}/b/`;
    try {
      for (let i = 0; i < 300; i++) connection.publish(`${prefix}x`, `b-${i}`, 1, owner, i);
      await owner.whenSettled(300);
      expect(owner.results).toEqual(Array.from({ length: 300 }, () => "ok"));
      await eventually(() => under(prefix).length >= 300);
      expect(payloadsUnder(prefix)).toEqual(Array.from({ length: 300 }, (_, i) => `b-${i}`));
      expect(relay.connections.map((c) => [c.path, c.protocol])).toEqual([["/", "mqtt"]]);
    } finally {
      await connection.close();
      await relay.close();
    }
  });

  it.each(["close", "terminate"] as const)(
    "reconnects at once and re-sends what was unacknowledged when the relay drops the WebSocket (%s)",
    async (how) => {
      const relay = await startMqttWebSocketRelay();
      const connection = new MqttConnection({ url: relay.url, clientId: `ws-pub-${run}-3-${how}`, maxInflight: 200 });
      const owner = new PublishCollector();
      const prefix = `mqtt-ws/${run}/c-${how}/`;
      const total = 2000;
      try {
        // In batches, as the sink sends them, so the subscriber's queue at the broker never overflows.
        for (let start = 0; start < total; start += 500) {
          for (let i = start; i < start + 500; i++) connection.publish(`${prefix}x`, `c-${i}`, 1, owner, i);
          if (start === 500 || start === 1000) {
            // Drop once some of this batch is acknowledged and the rest is in flight.
            await owner.whenSettled(start + 100);
            expect(connection.backlog).toBeGreaterThan(0);
            relay.drop(how);
          }
          // Promptly: a client that missed the drop would wait for its keep-alive (30 s and more).
          await owner.whenSettled(start + 500, 10_000);
        }
        expect(owner.results).toEqual(Array.from({ length: total }, () => "ok"));
        expect(relay.connections.map((c) => [c.protocol, c.textFrames])).toEqual([
          ["mqtt", 0],
          ["mqtt", 0],
          ["mqtt", 0],
        ]);
        const expected = Array.from({ length: total }, (_, i) => `c-${i}`);
        await eventually(() => new Set(payloadsUnder(prefix)).size >= total);
        const received = payloadsUnder(prefix);
        expect([...new Set(received)].sort()).toEqual([...expected].sort());
        // Order holds apart from re-sent duplicates: the first arrivals are in publish order.
        const seen = new Set<string>();
        expect(received.filter((m) => !seen.has(m) && seen.add(m))).toEqual(expected);
      } finally {
        await connection.close();
        await relay.close();
      }
    },
  );

  it("fails what waits after connectTimeoutMs when the WebSocket opens but no CONNACK comes", async () => {
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.resume();
    });
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    const relay = await startMqttWebSocketRelay({
      upstream: { host: "127.0.0.1", port: (blackHole.address() as AddressInfo).port },
    });
    const connection = new MqttConnection({ url: relay.url, clientId: `ws-pub-${run}-6`, connectTimeoutMs: 300 });
    const owner = new PublishCollector();
    try {
      const started = Date.now();
      connection.publish(`mqtt-ws/${run}/e/x`, "e-0", 1, owner, 0);
      connection.publish(`mqtt-ws/${run}/e/x`, "e-1", 0, owner, 1);
      await owner.whenSettled(2, 5000);
      expect(Date.now() - started).toBeLessThan(2000);
      const timedOut = `MQTT connection to ${relay.url} timed out after 300 ms`;
      expect(owner.results).toEqual([timedOut, timedOut]);
      expect([connection.connected, connection.backlog, relay.connections.length]).toEqual([false, 0, 1]);
    } finally {
      await connection.close();
      await relay.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });

  it("publishes over wss:// trusting a self-signed certificate given in `tls`, and refuses it otherwise", async () => {
    const pems = generateSelfSigned();
    const relay = await startMqttWebSocketRelay({ tls: { key: pems.private, cert: pems.cert } });
    expect(relay.url).toBe(`wss://localhost:${relay.port}`);
    const trusted = new MqttConnection({
      url: `${relay.url}/mqtt`,
      clientId: `ws-pub-${run}-4`,
      tls: { ca: pems.cert },
    });
    const untrusted = new MqttConnection({ url: `${relay.url}/mqtt`, clientId: `ws-pub-${run}-5` });
    const owner = new PublishCollector();
    const prefix = `mqtt-ws/${run}/d/`;
    try {
      trusted.publish(`${prefix}x`, "d-0", 1, owner, 0);
      trusted.publish(`${prefix}x`, "d-1", 0, owner, 1);
      untrusted.publish(`${prefix}x`, "d-2", 1, owner, 2);
      await owner.whenSettled(3);
      expect(owner.results).toEqual(["ok", "ok", expect.stringMatching(/^self[- ]signed certificate$/)]);
      await eventually(() => under(prefix).length >= 2);
      // The untrusted client never got past the TLS handshake, so never reached the relay.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(under(prefix)).toEqual([
        { topic: `${prefix}x`, payload: Buffer.from("d-0"), qos: 1 },
        { topic: `${prefix}x`, payload: Buffer.from("d-1"), qos: 0 },
      ]);
      expect(relay.connections.map((c) => [c.offered, c.protocol, c.path])).toEqual([[["mqtt"], "mqtt", "/mqtt"]]);
    } finally {
      await trusted.close();
      await untrusted.close();
      await relay.close();
    }
  });
});
