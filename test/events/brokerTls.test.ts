import { randomUUID } from "node:crypto";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import mqtt, { type MqttClient } from "mqtt";
import { connect as connectNats, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toDeliveryEvent } from "../../src/events/delivery/deliveryEvent.js";
import type { AmqpEndpoint, NatsEndpoint } from "../../src/events/endpoints/endpointDefinition.js";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { amqpSocketOptions } from "../../src/events/sinks/amqpSink.js";
import { createSink } from "../../src/events/sinks/createSink.js";
import { natsConnectionOptions } from "../../src/events/sinks/natsSink.js";
import type { DeliveryOutcome } from "../../src/events/sinks/sink.js";
import { startMqttWebSocketRelay } from "../support/mqttWebSocketRelay.js";
import { type NatsTlsRelay, startNatsTlsRelay } from "../support/natsTlsRelay.js";
import { loopbackServices, requireService } from "../support/services.js";
import { createTestPki, namedServerName } from "../support/testPki.js";
import { startTlsRelay, type TlsRelay } from "../support/tlsRelay.js";

const hasMqtt = await requireService("mosquitto", "MQTT endpoint tls (a TLS relay in front of Mosquitto)");
const hasRabbit = await requireService("rabbitmq", "AMQP endpoint tls (a TLS relay in front of RabbitMQ)");
const hasNats = await requireService("nats", "NATS endpoint tls (a TLS-adding relay in front of NATS)");
const pki = createTestPki();
const run = randomUUID().slice(0, 8);

const untrusted =
  "unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE: " +
  "the server's certificate is not issued by a trusted CA; give its CA as 'tls.ca')";
const fullTls = {
  ca: pki.ca.cert,
  cert: pki.client.cert,
  key: pki.client.key,
  servername: namedServerName,
  insecureSkipVerify: true,
};
const fullTlsOptions = {
  ca: pki.ca.cert,
  cert: pki.client.cert,
  key: pki.client.key,
  servername: namedServerName,
  rejectUnauthorized: false,
};

/** One event for `twinId` through a fresh sink of the definition; its outcome. */
async function sendOne(definition: Record<string, unknown>, twinId: string): Promise<DeliveryOutcome> {
  const sink = createSink(parseEndpointDefinition(`tls-${run}`, { timeoutMs: 5000, ...definition }));
  try {
    const [outcome] = await sink.send([
      toDeliveryEvent({
        seq: 1,
        twinId,
        type: "Microsoft.DigitalTwins.Twin.Update",
        event: JSON.stringify({
          specversion: "1.0",
          id: `${twinId}-${run}`,
          type: "Microsoft.DigitalTwins.Twin.Update",
          source: "doppel.test",
          subject: twinId,
          data: {},
        }),
        createdAt: 0,
      }),
    ]);
    return outcome!;
  } finally {
    await sink.close();
  }
}

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(hasMqtt)("MQTT endpoint tls, through TLS relays to Mosquitto", () => {
  let subscriber: MqttClient;
  const got: string[] = [];
  const relays: TlsRelay[] = [];
  let server: TlsRelay;
  let mutual: TlsRelay;
  let named: TlsRelay;
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);

  beforeAll(async () => {
    subscriber = await mqtt.connectAsync(loopbackServices.mosquitto.url, { clientId: `tls-sub-${run}` });
    subscriber.on("message", (topic) => got.push(topic.slice(topic.lastIndexOf("/") + 1)));
    await subscriber.subscribeAsync(`mqtt-tls/${run}/#`, { qos: 1 });
    const upstream = loopbackServices.mosquitto;
    server = await startTlsRelay({ upstream, ...pki.server });
    mutual = await startTlsRelay({ upstream, ...pki.server, clientCa: pki.ca.cert });
    named = await startTlsRelay({ upstream, ...pki.namedServer });
    relays.push(server, mutual, named);
    process.on("warning", onWarning);
  });
  afterAll(async () => {
    process.off("warning", onWarning);
    for (const relay of relays) await relay.close();
    await subscriber?.endAsync();
  });

  const endpoint = (url: string, tls?: unknown) => ({
    kind: "mqtt",
    url,
    topic: `mqtt-tls/${run}/{twinId}`,
    ...(tls === undefined ? {} : { tls }),
  });

  it("mqtts:// to a private CA's certificate fails without tls.ca and delivers with it", async () => {
    const url = `mqtts://localhost:${server.port}`;
    expect(await sendOne(endpoint(url), "m-none")).toEqual({ ok: false, error: untrusted });
    expect(await sendOne(endpoint(url, { ca: pki.otherCa.cert }), "m-other")).toEqual({ ok: false, error: untrusted });
    expect(await sendOne(endpoint(url, { ca: pki.ca.cert }), "m-ca")).toEqual({ ok: true });
    await eventually(() => got.includes("m-ca"));
    expect(got).toEqual(["m-ca"]);
  });

  it("a broker that requires a client certificate takes the endpoint's tls.cert and tls.key, and nothing less", async () => {
    const url = `mqtts://localhost:${mutual.port}`;
    const refused = await sendOne(endpoint(url, { ca: pki.ca.cert }), "m-no-cert");
    expect(refused).toEqual({ ok: false, error: "TLS: tlsv13 alert certificate required" });
    const stranger = await sendOne(
      endpoint(url, { ca: pki.ca.cert, cert: pki.strangerClient.cert, key: pki.strangerClient.key }),
      "m-stranger",
    );
    // The relay refuses a certificate of another CA after the TLS 1.3 handshake the client saw
    // complete: whether its alert is read before the close is a race.
    expect(stranger).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^(MQTT connection to mqtts:\/\/localhost:\d+ closed|TLS: tlsv13 alert unknown ca)$/,
      ),
    });
    expect(mutual.clientNames).toEqual([]);
    const accepted = await sendOne(
      endpoint(url, { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key }),
      "m-client",
    );
    expect(accepted).toEqual({ ok: true });
    expect(mutual.clientNames).toEqual(["doppel-client"]);
    await eventually(() => got.includes("m-client"));
    expect(got.filter((t) => t.startsWith("m-") && t !== "m-ca")).toEqual(["m-client"]);
  });

  it("checks the certificate against tls.servername when the URL names an address; insecureSkipVerify accepts it unchecked", async () => {
    const url = `mqtts://127.0.0.1:${named.port}`;
    expect(await sendOne(endpoint(url, { ca: pki.ca.cert }), "m-ip")).toEqual({
      ok: false,
      error: "Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ",
    });
    expect(await sendOne(endpoint(url, { ca: pki.ca.cert, servername: namedServerName }), "m-named")).toEqual({
      ok: true,
    });
    expect(await sendOne(endpoint(url, { insecureSkipVerify: true }), "m-insecure")).toEqual({ ok: true });
    await eventually(() => got.includes("m-named") && got.includes("m-insecure"));
    // An address is never sent as the TLS server name (Node warns when it is: DEP0123).
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it("wss:// takes the same settings (MQTT over WebSocket through a TLS relay)", async () => {
    const relay = await startMqttWebSocketRelay({ tls: pki.server });
    try {
      expect(await sendOne(endpoint(relay.url), "m-wss-none")).toEqual({ ok: false, error: untrusted });
      expect(await sendOne(endpoint(relay.url, { ca: pki.ca.cert }), "m-wss")).toEqual({ ok: true });
      await eventually(() => got.includes("m-wss"));
      expect(got).not.toContain("m-wss-none");
    } finally {
      await relay.close();
    }
  });
});

describe.runIf(hasRabbit)("AMQP endpoint tls, through TLS relays to RabbitMQ", () => {
  let connection: ChannelModel;
  let channel: Channel;
  const exchange = `doppel-tls-${run}`;
  const got: string[] = [];
  let server: TlsRelay;
  let mutual: TlsRelay;

  beforeAll(async () => {
    connection = await amqp.connect(loopbackServices.rabbitmq.url);
    channel = await connection.createChannel();
    await channel.assertExchange(exchange, "fanout", { durable: false, autoDelete: true });
    const { queue } = await channel.assertQueue("", { exclusive: true });
    await channel.bindQueue(queue, exchange, "");
    await channel.consume(
      queue,
      (message) => message && got.push(message.properties.headers?.["cloudEvents:subject"]),
      {
        noAck: true,
      },
    );
    const upstream = loopbackServices.rabbitmq;
    server = await startTlsRelay({ upstream, ...pki.server });
    mutual = await startTlsRelay({ upstream, ...pki.server, clientCa: pki.ca.cert });
  });
  afterAll(async () => {
    await server?.close();
    await mutual?.close();
    await connection?.close();
  });

  const endpoint = (port: number, tls?: unknown) => ({
    kind: "amqp",
    url: `amqps://guest:guest@localhost:${port}/`,
    exchange,
    ...(tls === undefined ? {} : { tls }),
  });

  it("hands amqplib the endpoint's tls as socket options", () => {
    const definition = parseEndpointDefinition("a", { ...endpoint(5671), tls: fullTls }) as AmqpEndpoint;
    expect(amqpSocketOptions(definition)).toEqual(fullTlsOptions);
    expect(amqpSocketOptions(parseEndpointDefinition("a", endpoint(5671)) as AmqpEndpoint)).toEqual({});
  });

  it("amqps:// to a private CA's certificate fails without tls.ca and is confirmed with it", async () => {
    expect(await sendOne(endpoint(server.port), "a-none")).toEqual({ ok: false, error: untrusted });
    expect(await sendOne(endpoint(server.port, { ca: pki.ca.cert }), "a-ca")).toEqual({ ok: true });
    await eventually(() => got.includes("a-ca"));
    expect(got).toEqual(["a-ca"]);
  });

  it("a broker that requires a client certificate takes the endpoint's tls.cert and tls.key", async () => {
    const refused = await sendOne(endpoint(mutual.port, { ca: pki.ca.cert }), "a-no-cert");
    expect(refused).toEqual({ ok: false, error: "TLS: tlsv13 alert certificate required" });
    expect(mutual.clientNames).toEqual([]);
    const accepted = await sendOne(
      endpoint(mutual.port, { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key }),
      "a-client",
    );
    expect(accepted).toEqual({ ok: true });
    expect(mutual.clientNames).toEqual(["doppel-client"]);
    await eventually(() => got.includes("a-client"));
    expect(got).toEqual(["a-ca", "a-client"]);
  });
});

describe("NATS endpoint tls", () => {
  const servers = [loopbackServices.nats.url];

  it("is handed to nats.js as its tls option (servername and rejectUnauthorized reach tls.connect)", () => {
    const definition = parseEndpointDefinition("n", {
      kind: "nats",
      servers: "tls://nats.example.com:4222",
      user: "doppel",
      pass: "nats-pass",
      tls: fullTls,
    }) as NatsEndpoint;
    expect(natsConnectionOptions(definition)).toEqual({
      servers: ["tls://nats.example.com:4222"],
      user: "doppel",
      pass: "nats-pass",
      token: undefined,
      name: "doppel-n",
      timeout: 5000,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      tls: fullTlsOptions,
    });
    // Without tls the server decides; any tls object, even empty, makes nats.js insist on TLS.
    expect(
      "tls" in natsConnectionOptions(parseEndpointDefinition("n", { kind: "nats", servers }) as NatsEndpoint),
    ).toBe(false);
    expect(
      natsConnectionOptions(parseEndpointDefinition("n", { kind: "nats", servers, tls: {} }) as NatsEndpoint).tls,
    ).toEqual({});
  });

  it.runIf(hasNats)("insists on TLS: a server that offers none is refused, plainly said", async () => {
    const subject = `nats-tls.${run}.{twinId}`;
    expect(await sendOne({ kind: "nats", servers, subject, tls: { ca: pki.ca.cert } }, "n-tls")).toEqual({
      ok: false,
      error: "the NATS server does not offer TLS, which the endpoint's 'tls' requires",
    });
    expect(await sendOne({ kind: "nats", servers, subject }, "n-plain")).toEqual({ ok: true });
  });

  describe.runIf(hasNats)("against the local NATS behind a relay that adds TLS to its protocol", () => {
    let subscriber: NatsConnection;
    const got: string[] = [];
    let server: NatsTlsRelay;
    let mutual: NatsTlsRelay;
    const subject = `nats-tls.${run}.{twinId}`;

    beforeAll(async () => {
      subscriber = await connectNats({ servers });
      const subscription = subscriber.subscribe(`nats-tls.${run}.>`);
      void (async () => {
        for await (const message of subscription) got.push(message.subject.slice(message.subject.lastIndexOf(".") + 1));
      })();
      await subscriber.flush();
      const upstream = loopbackServices.nats;
      server = await startNatsTlsRelay({ upstream, ...pki.server });
      mutual = await startNatsTlsRelay({ upstream, ...pki.server, clientCa: pki.ca.cert });
    });
    afterAll(async () => {
      await server?.close();
      await mutual?.close();
      await subscriber?.close();
    });

    it("fails on a private CA's certificate without tls.ca and delivers with it", async () => {
      expect(await sendOne({ kind: "nats", servers: [server.url], subject }, "n-none")).toEqual({
        ok: false,
        error: untrusted,
      });
      const withCa = await sendOne({ kind: "nats", servers: [server.url], subject, tls: { ca: pki.ca.cert } }, "n-ca");
      expect(withCa).toEqual({ ok: true });
      await eventually(() => got.includes("n-ca"));
      expect(got).toEqual(["n-ca"]);
    });

    it("a server that requires a client certificate takes the endpoint's tls.cert and tls.key", async () => {
      // nats.js sees the TLS 1.3 handshake complete before the server refuses it, and then
      // waits for its connect to time out.
      const refused = await sendOne(
        { kind: "nats", servers: [mutual.url], subject, timeoutMs: 1000, tls: { ca: pki.ca.cert } },
        "n-no-cert",
      );
      expect(refused).toEqual({
        ok: false,
        error: expect.stringMatching(/^(TIMEOUT|TLS: tlsv13 alert certificate required)$/),
      });
      const clientTls = { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key };
      const accepted = await sendOne({ kind: "nats", servers: [mutual.url], subject, tls: clientTls }, "n-client");
      expect(accepted).toEqual({ ok: true });
      expect(mutual.clientNames).toEqual(["doppel-client"]);
      await eventually(() => got.includes("n-client"));
      expect(got).toEqual(["n-ca", "n-client"]);
    });
  });
});
