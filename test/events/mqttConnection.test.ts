import { randomUUID } from "node:crypto";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MqttConnection } from "../../src/events/sinks/mqtt/mqttConnection.js";
import { encodeRemainingLength, PacketReader, PacketType } from "../../src/events/sinks/mqtt/mqttPackets.js";
import { generateSelfSigned } from "../../src/server/tls.js";
import { loopbackServices, requireService } from "../support/services.js";
import { startTlsRelay } from "../support/tlsRelay.js";
import { PublishCollector as Collector } from "./support/publishCollector.js";
import { startTcpProxy } from "./support/tcpProxy.js";

const broker = loopbackServices.mosquitto;
const hasMqtt = await requireService("mosquitto", "MQTT connection against Mosquitto");
const run = randomUUID().slice(0, 8);

/** A TCP relay in front of Mosquitto that can cut its live connections while still listening. */
const startRelay = () => startTcpProxy(broker);

async function subscribe(topic: string): Promise<{ client: MqttClient; got: string[] }> {
  const client = await mqtt.connectAsync(broker.url, { clientId: `sub-${run}-${randomUUID().slice(0, 4)}` });
  const got: string[] = [];
  client.on("message", (_topic, payload) => got.push(payload.toString()));
  await client.subscribeAsync(topic, { qos: 1 });
  return { client, got };
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(hasMqtt)("MqttConnection against Mosquitto", () => {
  let subscriber: { client: MqttClient; got: string[] };
  beforeAll(async () => {
    subscriber = await subscribe(`mqtt-conn/${run}/#`);
  });
  afterAll(async () => {
    await subscriber.client.endAsync();
  });

  it("publishes at QoS 1 and settles every message on its PUBACK, in order", async () => {
    const connection = new MqttConnection({ url: broker.url, clientId: `pub-${run}-1`, maxInflight: 50 });
    const owner = new Collector();
    const before = subscriber.got.length;
    try {
      for (let i = 0; i < 500; i++) connection.publish(`mqtt-conn/${run}/a/${i % 7}`, `a-${i}`, 1, owner, i);
      await owner.whenSettled(500);
      expect(owner.results).toEqual(Array.from({ length: 500 }, () => "ok"));
      expect(connection.backlog).toBe(0);
      await eventually(() => subscriber.got.length - before >= 500);
      expect(subscriber.got.slice(before)).toEqual(Array.from({ length: 500 }, (_, i) => `a-${i}`));
    } finally {
      await connection.close();
    }
  });

  it("re-sends unacknowledged messages after the connection drops mid-stream: every message arrives", async () => {
    const relay = await startRelay();
    const connection = new MqttConnection({
      url: `mqtt://127.0.0.1:${relay.port}`,
      clientId: `pub-${run}-2`,
      maxInflight: 200,
    });
    const owner = new Collector();
    const total = 3000;
    let cuts = 0;
    try {
      // In batches, as the sink sends them, so the subscriber's queue at the broker never overflows.
      for (let start = 0; start < total; start += 500) {
        for (let i = start; i < start + 500; i++) connection.publish(`mqtt-conn/${run}/b`, `b-${i}`, 1, owner, i);
        if (start === 1000 || start === 2000) {
          // Cut once some of this batch is acknowledged and the rest is in flight.
          await owner.whenSettled(start + 100);
          expect(connection.backlog).toBeGreaterThan(0);
          relay.cut();
          cuts++;
        }
        await owner.whenSettled(start + 500);
        // Mosquitto drops QoS 1 messages beyond a subscriber's queue (1,000 by default): on a busy
        // machine the subscriber must catch up before the next batch, or the broker, not the
        // client under test, loses messages.
        const upTo = start + 500;
        await eventually(() => new Set(subscriber.got.filter((m) => m.startsWith("b-"))).size >= upTo);
      }
      expect(owner.results).toEqual(Array.from({ length: total }, () => "ok"));
      expect([cuts, relay.accepted]).toEqual([2, 3]);
      const expected = Array.from({ length: total }, (_, i) => `b-${i}`);
      await eventually(() => new Set(subscriber.got.filter((m) => m.startsWith("b-"))).size >= total);
      const received = subscriber.got.filter((m) => m.startsWith("b-"));
      expect([...new Set(received)].sort()).toEqual([...expected].sort());
      // Order holds apart from re-sent duplicates: the first arrivals are in publish order.
      const firstArrivals: string[] = [];
      const seen = new Set<string>();
      for (const m of received) if (!seen.has(m) && seen.add(m)) firstArrivals.push(m);
      expect(firstArrivals).toEqual(expected);
    } finally {
      await connection.close();
      await relay.close();
    }
  });

  it("fails what waits at once when the broker is unreachable, and connects again on the next publish", async () => {
    const relay = await startRelay();
    const port = relay.port;
    await relay.close();
    const connection = new MqttConnection({ url: `mqtt://127.0.0.1:${port}`, clientId: `pub-${run}-3` });
    const owner = new Collector();
    const started = Date.now();
    connection.publish(`mqtt-conn/${run}/c`, "c-0", 1, owner, 0);
    connection.publish(`mqtt-conn/${run}/c`, "c-1", 1, owner, 1);
    await owner.whenSettled(2);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(owner.results).toEqual([expect.stringContaining("ECONNREFUSED"), expect.stringContaining("ECONNREFUSED")]);
    await connection.close();
    expect(() => connection.publish("x", "y", 1, owner, 2)).not.toThrow();
    expect(owner.results[2]).toBe("MQTT connection closed");
  });

  it("keeps an idle connection alive with PINGREQ (keep alive 1 s, idle 3 s: still one connection)", async () => {
    const relay = await startRelay();
    const connection = new MqttConnection({
      url: `mqtt://127.0.0.1:${relay.port}`,
      clientId: `pub-${run}-4`,
      keepAliveSeconds: 1,
    });
    const owner = new Collector();
    try {
      connection.publish(`mqtt-conn/${run}/d`, "d-0", 1, owner, 0);
      await owner.whenSettled(1);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(connection.connected).toBe(true);
      connection.publish(`mqtt-conn/${run}/d`, "d-1", 1, owner, 1);
      await owner.whenSettled(2);
      expect([owner.results, relay.accepted]).toEqual([["ok", "ok"], 1]);
    } finally {
      await connection.close();
      await relay.close();
    }
  });

  it("nudges held PUBACKs with PINGREQ, but stops soon when the broker stops acknowledging", async () => {
    // A relay that passes the first `acksToPass` PUBACKs and swallows the rest, and timestamps
    // every PINGREQ the client sends.
    const acksToPass = 5;
    let acksSeen = 0;
    const pingreqs: number[] = [];
    const sockets = new Set<Socket>();
    const relay = createServer((client) => {
      const upstream = connect(broker.port, broker.host);
      sockets.add(client).add(upstream);
      const up = new PacketReader();
      const down = new PacketReader();
      client.on("data", (chunk: Buffer) => {
        up.push(chunk, (p) => {
          if (p.type === PacketType.pingreq) pingreqs.push(performance.now());
        });
        upstream.write(chunk);
      });
      upstream.on("data", (chunk: Buffer) =>
        down.push(chunk, (p) => {
          if (p.type === PacketType.puback && ++acksSeen > acksToPass) return;
          client.write(
            Buffer.concat([Buffer.from([(p.type << 4) | p.flags]), encodeRemainingLength(p.body.length), p.body]),
          );
        }),
      );
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    const connection = new MqttConnection({
      url: `mqtt://127.0.0.1:${(relay.address() as AddressInfo).port}`,
      clientId: `pub-${run}-8`,
    });
    const owner = new Collector();
    try {
      for (let i = 0; i < 10; i++) connection.publish(`mqtt-conn/${run}/g`, `g-${i}`, 1, owner, i);
      await owner.whenSettled(acksToPass);
      const lastAck = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(owner.settled).toBe(acksToPass);
      // Nudged while acknowledgements were coming, then quiet: no PINGREQ/PINGRESP loop.
      expect(pingreqs.length).toBeGreaterThan(0);
      expect(pingreqs.filter((at) => at > lastAck + 300)).toEqual([]);
    } finally {
      await connection.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    }
  });

  it("publishes over TLS (mqtts) with the given CA", async () => {
    const pems = generateSelfSigned();
    const terminator = await startTlsRelay({ upstream: broker, key: pems.private, cert: pems.cert });
    const port = terminator.port;
    const connection = new MqttConnection({
      url: `mqtts://localhost:${port}`,
      clientId: `pub-${run}-5`,
      tls: { ca: pems.cert },
    });
    const untrusted = new MqttConnection({ url: `mqtts://localhost:${port}`, clientId: `pub-${run}-6` });
    const owner = new Collector();
    try {
      connection.publish(`mqtt-conn/${run}/e`, "e-0", 1, owner, 0);
      untrusted.publish(`mqtt-conn/${run}/e`, "e-1", 1, owner, 1);
      await owner.whenSettled(2);
      expect(owner.results).toEqual(["ok", expect.stringMatching(/self.signed certificate/)]);
      await eventually(() => subscriber.got.includes("e-0"));
      expect(subscriber.got).not.toContain("e-1");
    } finally {
      await connection.close();
      await untrusted.close();
      await terminator.close();
    }
  });

  it("QoS 0 settles once written; close() fails what is still queued", async () => {
    const connection = new MqttConnection({ url: broker.url, clientId: `pub-${run}-7` });
    const owner = new Collector();
    connection.publish(`mqtt-conn/${run}/f`, "f-0", 0, owner, 0);
    await owner.whenSettled(1);
    expect(owner.results).toEqual(["ok"]);
    await eventually(() => subscriber.got.includes("f-0"));
    // Queued in this tick, closed before the flush: never sent.
    connection.publish(`mqtt-conn/${run}/f`, "f-1", 1, owner, 1);
    await connection.close();
    expect(owner.results).toEqual(["ok", "MQTT connection closed"]);
  });
});
