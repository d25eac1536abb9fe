import { createHmac, randomUUID } from "node:crypto";
import amqp from "amqplib";
import mqtt from "mqtt";
import { connect as connectNats, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackServices, requireService } from "../support/services.js";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhookReceiver.js";

const v = "api-version=2023-10-31";
let h: EventHarness;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  h = await startEventHarness();
});
afterAll(async () => {
  await h.close();
});

async function route(id: string, endpoint: unknown, filter = "true"): Promise<void> {
  const put = await h.request("PUT", `/admin/endpoints/${id}`, { body: endpoint });
  expect(put.status, put.text).toBe(201);
  const res = await h.request("PUT", `/eventroutes/${id}?${v}`, { body: { endpointName: id, filter } });
  expect(res.status, res.text).toBe(204);
}

async function unroute(id: string): Promise<void> {
  expect((await h.request("DELETE", `/eventroutes/${id}?${v}`)).status).toBe(204);
  expect((await h.request("DELETE", `/admin/endpoints/${id}`)).status).toBe(204);
}

function rawEvents(seqs: readonly number[]): Promise<string[]> {
  return Promise.all(seqs.map(async (seq) => (await h.store.events.readOutbox(seq - 1, 1))[0]!.event));
}

describe("delivery to a webhook over HTTPS", () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver({ https: true });
  });
  afterAll(async () => {
    await receiver.close();
  });

  it("posts structured CloudEvents in commit order, signed, with custom and secret headers", async () => {
    await h.commit([{ twinId: "before-route" }]); // committed before the route exists: not delivered
    await route("wh-structured", {
      kind: "webhook",
      url: receiver.url,
      headers: { "x-tenant": "blue" },
      secretHeaders: { authorization: "Bearer s3cret" },
      hmacSecret: "key",
    });
    const seqs = await h.commit([
      { twinId: "room-1", value: 1 },
      { twinId: "room-2", value: 2 },
      { twinId: "room-1", value: 3 },
    ]);
    await eventually(
      () => receiver.received.length,
      (n) => n >= 3,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toHaveLength(3);
    const expected = await rawEvents(seqs);
    const bodies = receiver.received.map((r) => r.body);
    expect([...bodies].sort()).toEqual([...expected].sort());
    // Per twin, in commit order.
    const room1 = bodies
      .filter((b) => JSON.parse(b).subject === "room-1")
      .map((b) => JSON.parse(b).data.patch[0].value);
    expect(room1).toEqual([1, 3]);
    for (const r of receiver.received) {
      expect(r.method).toBe("POST");
      expect(r.path).toBe("/hook");
      expect(r.headers["content-type"]).toBe("application/cloudevents+json; charset=utf-8");
      expect(r.headers["x-tenant"]).toBe("blue");
      expect(r.headers.authorization).toBe("Bearer s3cret");
      expect(r.headers["x-doppel-signature"]).toBe(
        `sha256=${createHmac("sha256", "key").update(r.body).digest("hex")}`,
      );
    }
    await unroute("wh-structured");
  });

  it("posts binary mode: attributes as ce- headers, data as the body", async () => {
    receiver.received.length = 0;
    await route("wh-binary", { kind: "webhook", url: receiver.url, format: "cloudevents-binary" });
    const [seq] = await h.commit([{ twinId: "room 3é", value: 7 }]);
    await eventually(
      () => receiver.received.length,
      (n) => n >= 1,
    );
    const event = JSON.parse((await rawEvents([seq!]))[0]!);
    const r = receiver.received[0]!;
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["ce-specversion"]).toBe("1.0");
    expect(r.headers["ce-id"]).toBe(event.id);
    expect(r.headers["ce-type"]).toBe("Microsoft.DigitalTwins.Twin.Update");
    expect(r.headers["ce-source"]).toBe("localhost:8443");
    expect(r.headers["ce-subject"]).toBe("room%203%C3%A9");
    expect(r.headers["ce-time"]).toBe("2026-01-01T00:00:00.0000000Z");
    expect(r.headers["ce-traceparent"]).toBe(event.traceparent);
    expect(JSON.parse(r.body)).toEqual({
      modelId: "dtmi:example:Room;1",
      patch: [{ value: 7, path: "/temperature", op: "replace" }],
    });
    await unroute("wh-binary");
  });

  it("posts the EventGridEvent schema", async () => {
    receiver.received.length = 0;
    await route("wh-eventgrid", { kind: "webhook", url: receiver.url, format: "eventgrid" });
    const [seq] = await h.commit([{ twinId: "room-4", value: 8 }]);
    await eventually(
      () => receiver.received.length,
      (n) => n >= 1,
    );
    const event = JSON.parse((await rawEvents([seq!]))[0]!);
    const r = receiver.received[0]!;
    expect(r.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(r.body)).toEqual([
      {
        id: event.id,
        subject: "room-4",
        data: { data: event.data, contenttype: "application/json", traceparent: event.traceparent },
        eventType: "Microsoft.DigitalTwins.Twin.Update",
        dataVersion: "1.0",
        metadataVersion: "1",
        eventTime: "2026-01-01T00:00:00.0000000Z",
        topic: "localhost:8443",
      },
    ]);
    await unroute("wh-eventgrid");
  });

  it("delivers only what the route's filter selects", async () => {
    receiver.received.length = 0;
    await route("wh-filtered", { kind: "webhook", url: receiver.url }, "$body.patch = 1 OR subject = 'wanted'");
    await h.commit([
      { twinId: "unwanted" },
      { twinId: "wanted", value: 1 },
      { twinId: "unwanted" },
      { twinId: "wanted", value: 2 },
    ]);
    await eventually(
      () => receiver.received.length,
      (n) => n >= 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received.map((r) => JSON.parse(r.body).data.patch[0].value)).toEqual([1, 2]);
    await unroute("wh-filtered");
  });
});

const hasMqtt = await requireService("mosquitto", "event delivery to MQTT");
describe.runIf(hasMqtt)("delivery to MQTT (Mosquitto)", () => {
  it("publishes each event at QoS 1 to its templated topic, in order", async () => {
    const subscriber = await mqtt.connectAsync(loopbackServices.mosquitto.url, { clientId: `test-${run}` });
    const got: { topic: string; payload: string; qos: number }[] = [];
    subscriber.on("message", (topic, payload, packet) =>
      got.push({ topic, payload: payload.toString(), qos: packet.qos }),
    );
    await subscriber.subscribeAsync(`doppel-test/${run}/#`, { qos: 1 });
    try {
      await route("mqtt-1", {
        kind: "mqtt",
        url: loopbackServices.mosquitto.url,
        topic: `doppel-test/${run}/{type}/{twinId}`,
      });
      const changes = Array.from({ length: 50 }, (_, i) => ({ twinId: i % 2 ? "a+b" : "c/d", value: i }));
      const seqs = await h.commit(changes);
      await eventually(
        () => got.length,
        (n) => n >= 50,
      );
      expect(got.map((g) => g.payload)).toEqual(await rawEvents(seqs));
      expect(got[0]!.topic).toBe(`doppel-test/${run}/Microsoft.DigitalTwins.Twin.Update/c/d`);
      expect(got[1]!.topic).toBe(`doppel-test/${run}/Microsoft.DigitalTwins.Twin.Update/a_b`);
      expect(got.every((g) => g.qos === 1)).toBe(true);
      await unroute("mqtt-1");
    } finally {
      await subscriber.endAsync();
    }
  });
});

const hasNats = await requireService("nats", "event delivery to NATS");
describe.runIf(hasNats)("delivery to NATS", () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connectNats({ servers: loopbackServices.nats.url });
  });
  afterAll(async () => {
    await nc.close();
  });

  it("publishes to core NATS subjects, in order", async () => {
    const sub = nc.subscribe(`doppel-test.${run}.>`);
    await nc.flush();
    const got: { subject: string; data: string }[] = [];
    const reading = (async () => {
      for await (const m of sub) {
        got.push({ subject: m.subject, data: m.string() });
        if (got.length === 40) break;
      }
    })();
    await route("nats-core", {
      kind: "nats",
      servers: loopbackServices.nats.url,
      subject: `doppel-test.${run}.{twinId}`,
    });
    const seqs = await h.commit(
      Array.from({ length: 40 }, (_, i) => ({ twinId: i % 3 ? "room.1" : "room 2", value: i })),
    );
    await reading;
    expect(got.map((g) => g.data)).toEqual(await rawEvents(seqs));
    expect(got[0]!.subject).toBe(`doppel-test.${run}.room_2`);
    expect(got[1]!.subject).toBe(`doppel-test.${run}.room_1`);
    await unroute("nats-core");
  });

  it("publishes to JetStream and counts only acknowledged events", async () => {
    const jsm = await nc.jetstreamManager();
    const stream = `DOPPEL_TEST_${run}`;
    await jsm.streams.add({ name: stream, subjects: [`doppel-js.${run}.>`] });
    try {
      await route("nats-js", {
        kind: "nats",
        servers: [loopbackServices.nats.url],
        subject: `doppel-js.${run}.{type}`,
        jetstream: true,
      });
      const seqs = await h.commit(Array.from({ length: 30 }, (_, i) => ({ twinId: `t${i % 4}`, value: i })));
      await eventually(
        async () => (await jsm.streams.info(stream)).state.messages,
        (n) => n >= 30,
      );
      const expected = await rawEvents(seqs);
      const got: string[] = [];
      for (let i = 1; i <= 30; i++) got.push((await jsm.streams.getMessage(stream, { seq: i })).string());
      expect(got).toEqual(expected);
      await unroute("nats-js");
    } finally {
      await jsm.streams.delete(stream);
    }
  });
});

const hasRabbit = await requireService("rabbitmq", "event delivery to AMQP");
describe.runIf(hasRabbit)("delivery to AMQP 0-9-1 (RabbitMQ)", () => {
  it("publishes with the CloudEvents AMQP binding, confirmed, in order", async () => {
    const connection = await amqp.connect(loopbackServices.rabbitmq.url);
    const channel = await connection.createChannel();
    const exchange = `doppel-test-${run}`;
    await channel.assertExchange(exchange, "topic", { durable: false, autoDelete: false });
    const { queue } = await channel.assertQueue("", { exclusive: true });
    await channel.bindQueue(queue, exchange, "Microsoft.DigitalTwins.#");
    const got: amqp.ConsumeMessage[] = [];
    await channel.consume(queue, (m) => m && got.push(m), { noAck: true });
    try {
      await route("amqp-1", {
        kind: "amqp",
        url: loopbackServices.rabbitmq.url,
        exchange,
        routingKey: "{type}.{twinId}",
      });
      const seqs = await h.commit(Array.from({ length: 20 }, (_, i) => ({ twinId: `r${i % 2}`, value: i })));
      await eventually(
        () => got.length,
        (n) => n >= 20,
      );
      const expected = (await rawEvents(seqs)).map((text) => JSON.parse(text));
      expect(got.map((m) => JSON.parse(m.content.toString()))).toEqual(expected.map((e) => e.data));
      const first = got[0]!;
      const e = expected[0]!;
      expect(first.fields.routingKey).toBe("Microsoft.DigitalTwins.Twin.Update.r0");
      expect(first.properties.contentType).toBe("application/json");
      expect(first.properties.messageId).toBe(e.id);
      expect(first.properties.deliveryMode).toBe(2);
      expect(first.properties.headers).toEqual({
        "cloudEvents:specversion": "1.0",
        "cloudEvents:id": e.id,
        "cloudEvents:type": "Microsoft.DigitalTwins.Twin.Update",
        "cloudEvents:source": "localhost:8443",
        "cloudEvents:subject": "r0",
        "cloudEvents:time": "2026-01-01T00:00:00.0000000Z",
        "cloudEvents:traceparent": e.traceparent,
      });
      await unroute("amqp-1");
    } finally {
      await channel.deleteExchange(exchange);
      await connection.close();
    }
  });
});
