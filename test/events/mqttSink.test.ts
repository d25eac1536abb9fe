import { randomUUID } from "node:crypto";
import { type AddressInfo, createServer, type Socket } from "node:net";
import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { toDeliveryEvent } from "../../src/events/delivery/deliveryEvent.js";
import { defaultRetryPolicy, type MqttEndpoint } from "../../src/events/endpoints/endpointDefinition.js";
import { MqttSink } from "../../src/events/sinks/mqttSink.js";
import { loopbackServices, requireService } from "../support/services.js";

const hasMqtt = await requireService("mosquitto", "MQTT sink against Mosquitto");
const run = randomUUID().slice(0, 8);

function endpoint(url: string, overrides: Partial<MqttEndpoint> = {}): MqttEndpoint {
  return {
    name: `sink-${run}`,
    kind: "mqtt",
    retry: defaultRetryPolicy,
    timeoutMs: 5000,
    url,
    topic: `mqtt-sink/${run}/{type}/{twinId}`,
    qos: 1,
    ...overrides,
  };
}

function events(twinIds: readonly string[]) {
  return twinIds.map((twinId, i) =>
    toDeliveryEvent({
      seq: i + 1,
      twinId,
      type: "Microsoft.DigitalTwins.Twin.Update",
      event: JSON.stringify({ n: i, twinId }),
      createdAt: 0,
    }),
  );
}

describe("MqttSink", () => {
  it.runIf(hasMqtt)("publishes a batch to its templated topics, one outcome per event, in order", async () => {
    const subscriber = await mqtt.connectAsync(loopbackServices.mosquitto.url, { clientId: `sink-sub-${run}` });
    const got: { topic: string; payload: string }[] = [];
    subscriber.on("message", (topic, payload) => got.push({ topic, payload: payload.toString() }));
    await subscriber.subscribeAsync(`mqtt-sink/${run}/#`, { qos: 1 });
    const sink = new MqttSink(endpoint(loopbackServices.mosquitto.url, { username: "doppel", password: "secret" }));
    try {
      const outcomes = await sink.send(events(["a", "b+c", "a"]));
      expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      const deadline = Date.now() + 5000;
      while (got.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const type = "Microsoft.DigitalTwins.Twin.Update";
      expect(got).toEqual([
        { topic: `mqtt-sink/${run}/${type}/a`, payload: '{"n":0,"twinId":"a"}' },
        { topic: `mqtt-sink/${run}/${type}/b_c`, payload: '{"n":1,"twinId":"b+c"}' },
        { topic: `mqtt-sink/${run}/${type}/a`, payload: '{"n":2,"twinId":"a"}' },
      ]);
      expect(await sink.send([])).toEqual([]);
    } finally {
      await sink.close();
      await subscriber.endAsync();
    }
  });

  it("fails the whole batch after timeoutMs when the broker accepts the connection but never answers", async () => {
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.resume();
    });
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    const port = (blackHole.address() as AddressInfo).port;
    const sink = new MqttSink(endpoint(`mqtt://127.0.0.1:${port}`, { timeoutMs: 300 }));
    try {
      const started = Date.now();
      const outcomes = await sink.send(events(["a", "b"]));
      expect(Date.now() - started).toBeLessThan(2000);
      expect(outcomes).toEqual([
        { ok: false, error: expect.stringMatching(/timed out after 300 ms/) },
        { ok: false, error: expect.stringMatching(/timed out after 300 ms/) },
      ]);
    } finally {
      await sink.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });

  it("fails at once while nothing listens, and after close()", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sink = new MqttSink(endpoint(`mqtt://127.0.0.1:${port}`));
    const started = Date.now();
    const outcomes = await sink.send(events(["a"]));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcomes).toEqual([{ ok: false, error: expect.stringContaining("ECONNREFUSED") }]);
    await sink.close();
    expect(await sink.send(events(["a"]))).toEqual([{ ok: false, error: "MQTT connection closed" }]);
  });
});
