import { createPrivateKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EndpointSecretBox } from "../../src/events/endpoints/endpointSecretBox.js";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { createTestPki, namedServerName } from "../support/testPki.js";
import { endpointDefaults, notDelivered } from "./support/endpointExpectations.js";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhookReceiver.js";

const v = "api-version=2023-10-31";
const pki = createTestPki();
const invalid = (message: string) => `The endpoint definition is invalid: ${message}.`;

/** A line from the middle of a PEM body: key material that must never be answered or stored in clear. */
function innerLine(pem: string): string {
  const line = pem.split("\n")[2];
  if (!line || line.length < 20) throw new Error("unexpected PEM layout");
  return line;
}

/** The PEM with its body cut short: still PEM-shaped, no longer parseable. */
function damaged(pem: string): string {
  const lines = pem.split("\n");
  return [lines[0], lines[1]!.slice(0, 20), lines.at(-2)].join("\n");
}

function expectNoKeyIn(text: string): void {
  expect(text).not.toContain("PRIVATE KEY");
  expect(text).not.toContain(innerLine(pki.client.key));
}

describe("tls in endpoint definitions", () => {
  let h: EventHarness;
  beforeAll(async () => {
    h = await startEventHarness({ events: { dispatch: false } });
  });
  afterAll(async () => {
    await h.close();
  });

  const clientTls = {
    ca: pki.ca.cert,
    cert: pki.client.cert,
    key: pki.client.key,
    servername: "hooks.example.com",
    insecureSkipVerify: false,
  };

  it("is answered as given except the key, which secrets lists as tls.key", async () => {
    const body = { kind: "webhook", url: "https://hooks.example.com:8443/in", tls: clientTls };
    const created = await h.request("PUT", "/admin/endpoints/tls-hook", { body });
    expect(created.status).toBe(201);
    const shown = {
      name: "tls-hook",
      kind: "webhook",
      url: "https://hooks.example.com:8443/in",
      format: "cloudevents-structured",
      headers: {},
      signatureHeader: "x-doppel-signature",
      ...endpointDefaults,
      tls: { ca: pki.ca.cert, cert: pki.client.cert, servername: "hooks.example.com", insecureSkipVerify: false },
      secrets: ["tls.key"],
    };
    expect(created.body).toEqual(shown);
    expectNoKeyIn(created.text);
    const get = await h.request("GET", "/admin/endpoints/tls-hook");
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ ...shown, delivery: notDelivered });
    expectNoKeyIn(get.text);
    const list = await h.request("GET", "/admin/endpoints");
    expect(list.status).toBe(200);
    expect(list.body.value.filter((e: { name: string }) => e.name === "tls-hook")).toEqual([
      { ...shown, delivery: notDelivered },
    ]);
    expectNoKeyIn(list.text);
  });

  it("stores the key sealed, keeps it through a PATCH of other members, and drops it with the certificate", async () => {
    const body = {
      kind: "mqtt",
      url: "mqtts://broker.example.com",
      username: "doppel",
      password: "broker-pass",
      tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key },
    };
    expect((await h.request("PUT", "/admin/endpoints/tls-mqtt", { body })).status).toBe(201);
    // The store itself, below the layer that seals and opens: what an operator's database holds.
    const stored = await h.store.events.getEndpoint("tls-mqtt");
    expect(stored?.definition).toEqual({
      name: "tls-mqtt",
      kind: "mqtt",
      url: "mqtts://broker.example.com",
      topic: "doppel/{type}/{twinId}",
      qos: 1,
      username: "doppel",
      ...endpointDefaults,
      tls: { ca: pki.ca.cert, cert: pki.client.cert },
      sealedSecrets: expect.stringMatching(/^v1\.[A-Za-z0-9_-]{100,}$/),
    });
    expectNoKeyIn(JSON.stringify(stored));
    expect(JSON.stringify(stored)).not.toContain("broker-pass");

    // Without the key opened and merged back, cert alone would be refused.
    const patched = await h.request("PATCH", "/admin/endpoints/tls-mqtt", {
      body: { tls: { servername: "broker.internal" } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.tls).toEqual({ ca: pki.ca.cert, cert: pki.client.cert, servername: "broker.internal" });
    expect(patched.body.secrets).toEqual(["password", "tls.key"]);
    expectNoKeyIn(patched.text);
    const timeout = await h.request("PATCH", "/admin/endpoints/tls-mqtt", { body: { timeoutMs: 3000 } });
    expect(timeout.status).toBe(200);
    expect(timeout.body.secrets).toEqual(["password", "tls.key"]);

    const dropped = await h.request("PATCH", "/admin/endpoints/tls-mqtt", {
      body: { password: null, tls: { cert: null, key: null } },
    });
    expect(dropped.status).toBe(200);
    expect(dropped.body.tls).toEqual({ ca: pki.ca.cert, servername: "broker.internal" });
    expect(dropped.body.secrets).toEqual([]);
    const after = await h.store.events.getEndpoint("tls-mqtt");
    expect(after?.definition).toEqual({
      name: "tls-mqtt",
      kind: "mqtt",
      url: "mqtts://broker.example.com",
      topic: "doppel/{type}/{twinId}",
      qos: 1,
      username: "doppel",
      ...endpointDefaults,
      timeoutMs: 3000,
      tls: { ca: pki.ca.cert, servername: "broker.internal" },
    });
  });

  it("is accepted on every kind over TLS, and on NATS whatever the server URLs say", async () => {
    const bundle = pki.otherCa.cert + pki.ca.cert;
    const cases: [string, Record<string, unknown>][] = [
      ["mqtt-wss", { kind: "mqtt", url: "wss://broker.example.com/mqtt", tls: { ca: bundle } }],
      ["amqp-tls", { kind: "amqp", url: "amqps://rabbit.example.com/", exchange: "x", tls: clientTls }],
      ["nats-tls", { kind: "nats", servers: ["nats://127.0.0.1:4222"], tls: { ca: pki.ca.cert } }],
      ["nats-empty", { kind: "nats", servers: "tls://nats.example.com:4222", tls: {} }],
      ["hook-insecure", { kind: "webhook", url: "https://127.0.0.1:9/", tls: { insecureSkipVerify: true } }],
    ];
    for (const [name, body] of cases) {
      const res = await h.request("PUT", `/admin/endpoints/${name}`, { body });
      expect({ name, status: res.status }).toEqual({ name, status: 201 });
      const { key: _key, ...shownTls } = body.tls as Record<string, unknown>;
      expect(res.body.tls).toEqual(shownTls);
      expect(res.body.secrets).toEqual("key" in (body.tls as object) ? ["tls.key"] : []);
    }
  });

  const encryptedKey = createPrivateKey(pki.client.key).export({
    format: "pem",
    type: "pkcs8",
    cipher: "aes-256-cbc",
    passphrase: "pass-phrase",
  }) as string;
  const legacyEncryptedKey = createPrivateKey(pki.client.key).export({
    format: "pem",
    type: "sec1",
    cipher: "aes-256-cbc",
    passphrase: "pass-phrase",
  }) as string;
  const hook = (tls: unknown) => ({ kind: "webhook", url: "https://hooks.example.com/", tls });

  it.each([
    ["a tls that is not an object", hook("yes"), invalid("'tls' must be an object")],
    ["an unknown tls member", hook({ ca: pki.ca.cert, verify: false }), invalid("unknown field 'tls.verify'")],
    ["an empty tls.ca", hook({ ca: "" }), invalid("'tls.ca' must be a non-empty string")],
    [
      "a tls.ca without PEM",
      hook({ ca: "not a certificate" }),
      invalid("'tls.ca' must hold one or more PEM certificates (-----BEGIN CERTIFICATE-----)"),
    ],
    [
      "a private key as tls.ca",
      hook({ ca: pki.client.key }),
      invalid("'tls.ca' must hold PEM certificates only, not a PRIVATE KEY"),
    ],
    [
      "a tls.ca that does not parse",
      hook({ ca: damaged(pki.ca.cert) }),
      invalid("'tls.ca': certificate 1 of 1 does not parse"),
    ],
    [
      "a bundle whose second certificate does not parse",
      hook({ ca: pki.ca.cert + damaged(pki.otherCa.cert) }),
      invalid("'tls.ca': certificate 2 of 2 does not parse"),
    ],
    [
      "a tls.cert that does not parse",
      hook({ cert: damaged(pki.client.cert), key: pki.client.key }),
      invalid("'tls.cert': certificate 1 of 1 does not parse"),
    ],
    [
      "a tls.key that is not a key",
      hook({ cert: pki.client.cert, key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }),
      invalid("'tls.key' is not a PEM private key (PKCS#8, PKCS#1 or SEC1)"),
    ],
    [
      "an encrypted tls.key",
      hook({ cert: pki.client.cert, key: encryptedKey }),
      invalid("'tls.key' is encrypted: give it without a passphrase (Doppel encrypts it at rest)"),
    ],
    [
      "a tls.key with OpenSSL's legacy encryption",
      hook({ cert: pki.client.cert, key: legacyEncryptedKey }),
      invalid("'tls.key' is encrypted: give it without a passphrase (Doppel encrypts it at rest)"),
    ],
    [
      "tls.cert without tls.key",
      hook({ cert: pki.client.cert }),
      invalid("'tls.cert' and 'tls.key' must be given together (a client certificate and its private key)"),
    ],
    [
      "tls.key without tls.cert",
      hook({ key: pki.client.key }),
      invalid("'tls.cert' and 'tls.key' must be given together (a client certificate and its private key)"),
    ],
    [
      "a tls.key of another certificate",
      hook({ cert: pki.client.cert, key: pki.server.key }),
      invalid("'tls.key' is not the private key of the first certificate in 'tls.cert'"),
    ],
    [
      "an IP address as tls.servername",
      hook({ servername: "127.0.0.1" }),
      invalid("'tls.servername' must be a DNS name such as broker.example.com"),
    ],
    [
      "a tls.servername that is not a DNS name",
      hook({ servername: "two words" }),
      invalid("'tls.servername' must be a DNS name such as broker.example.com"),
    ],
    [
      "a tls.insecureSkipVerify that is not a boolean",
      hook({ insecureSkipVerify: "yes" }),
      invalid("'tls.insecureSkipVerify' must be true or false"),
    ],
    [
      "tls on http://",
      { kind: "webhook", url: "http://hooks.example.com/", tls: { ca: pki.ca.cert } },
      invalid("'tls' is set but the URL 'http://…' does not use TLS; use https"),
    ],
    [
      "tls on mqtt://",
      { kind: "mqtt", url: "mqtt://broker.example.com", tls: {} },
      invalid("'tls' is set but the URL 'mqtt://…' does not use TLS; use mqtts"),
    ],
    [
      "tls on ws://",
      { kind: "mqtt", url: "ws://broker.example.com/mqtt", tls: { insecureSkipVerify: true } },
      invalid("'tls' is set but the URL 'ws://…' does not use TLS; use wss"),
    ],
    [
      "tls on amqp://",
      { kind: "amqp", url: "amqp://rabbit.example.com", exchange: "x", tls: { ca: pki.ca.cert } },
      invalid("'tls' is set but the URL 'amqp://…' does not use TLS; use amqps"),
    ],
  ] as const)("rejects %s", async (_label, body, message) => {
    const res = await h.request("PUT", "/admin/endpoints/bad-tls", { body });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-ms-error-code")).toBe("EndpointInvalid");
    expect(res.body).toEqual({ error: { code: "EndpointInvalid", message } });
    expect((await h.request("GET", "/admin/endpoints/bad-tls")).status).toBe(404);
  });

  it("never repeats a key it refuses", async () => {
    const broken = damaged(pki.client.key);
    const res = await h.request("PUT", "/admin/endpoints/bad-key", {
      body: hook({ cert: pki.client.cert, key: broken }),
    });
    expect(res.body).toEqual({
      error: {
        code: "EndpointInvalid",
        message: invalid("'tls.key' is not a PEM private key (PKCS#8, PKCS#1 or SEC1)"),
      },
    });
    expect(res.text).not.toContain(broken.split("\n")[1]!);
    const mismatch = await h.request("PUT", "/admin/endpoints/bad-key", {
      body: hook({ cert: pki.client.cert, key: pki.server.key }),
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).not.toContain("PRIVATE KEY");
    expect(mismatch.text).not.toContain(innerLine(pki.server.key));
  });
});

interface Delivery {
  status: string;
  lastError: string | null;
  consecutiveFailures: number;
  backlog: number;
}

describe("webhook delivery over TLS (real HTTPS receivers with a private CA)", () => {
  let h: EventHarness;
  let plain: WebhookReceiver;
  let mutual: WebhookReceiver;
  let named: WebhookReceiver;
  beforeAll(async () => {
    h = await startEventHarness();
    plain = await startWebhookReceiver({ https: pki.server });
    mutual = await startWebhookReceiver({ https: { ...pki.server, clientCa: pki.ca.cert } });
    named = await startWebhookReceiver({ https: pki.namedServer });
  });
  afterAll(async () => {
    await h?.close();
    await plain?.close();
    await mutual?.close();
    await named?.close();
  });

  // A failure stays until the definition changes (each change retries at once).
  const slowRetry = { maxAttempts: 1000, initialDelayMs: 600_000, maxDelayMs: 600_000 };

  async function delivery(name: string): Promise<Delivery> {
    const res = await h.request("GET", `/admin/endpoints/${name}`);
    expect(res.status).toBe(200);
    return res.body.delivery as Delivery;
  }

  /** Creates the endpoint and a route for the events of twin `name`, then commits one such event. */
  async function deliverOne(name: string, definition: Record<string, unknown>): Promise<void> {
    const put = await h.request("PUT", `/admin/endpoints/${name}`, { body: { ...definition, retry: slowRetry } });
    expect(put.status).toBe(201);
    const route = await h.request("PUT", `/eventroutes/${name}?${v}`, {
      body: { endpointName: name, filter: `subject = '${name}'` },
    });
    expect(route.status).toBe(204);
    await eventually(
      () => delivery(name),
      (d) => d.status === "healthy",
    );
    await h.commit([{ twinId: name }]);
  }

  function failures(name: string, atLeast: number): Promise<Delivery> {
    return eventually(
      () => delivery(name),
      (d) => d.consecutiveFailures >= atLeast,
    );
  }

  async function patch(name: string, body: unknown): Promise<void> {
    const res = await h.request("PATCH", `/admin/endpoints/${name}`, { body });
    expect(res.status).toBe(200);
  }

  function delivered(name: string): Promise<Delivery> {
    return eventually(
      () => delivery(name),
      (d) => d.status === "healthy" && d.backlog === 0 && d.consecutiveFailures === 0,
    );
  }

  const subjects = (receiver: WebhookReceiver) =>
    receiver.received.map((r) => (JSON.parse(r.body) as { subject: string }).subject);

  it("fails on a private CA's certificate, saying so in the status, and delivers once tls.ca trusts it", async () => {
    await deliverOne("tls-a", { kind: "webhook", url: plain.url });
    expect(await failures("tls-a", 1)).toEqual({
      status: "retrying",
      routes: ["tls-a"],
      lastSuccessTime: null,
      lastErrorTime: expect.any(String),
      lastError:
        `POST ${plain.url} failed: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE: ` +
        "the server's certificate is not issued by a trusted CA; give its CA as 'tls.ca')",
      consecutiveFailures: 1,
      backlog: 1,
    });
    // Another CA is no better than none.
    await patch("tls-a", { tls: { ca: pki.otherCa.cert } });
    expect((await failures("tls-a", 2)).lastError).toBe(
      `POST ${plain.url} failed: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE: ` +
        "the server's certificate is not issued by a trusted CA; give its CA as 'tls.ca')",
    );
    expect(subjects(plain)).not.toContain("tls-a");
    // A bundle holding the issuer among others.
    await patch("tls-a", { tls: { ca: pki.otherCa.cert + pki.ca.cert } });
    await delivered("tls-a");
    expect(subjects(plain).filter((s) => s === "tls-a")).toEqual(["tls-a"]);
  });

  it("delivers to a receiver that requires a client certificate only with tls.cert and tls.key of a CA it trusts", async () => {
    await deliverOne("tls-mutual", { kind: "webhook", url: mutual.url, tls: { ca: pki.ca.cert } });
    expect((await failures("tls-mutual", 1)).lastError).toBe(
      `POST ${mutual.url} failed: TLS: tlsv13 alert certificate required`,
    );
    await patch("tls-mutual", { tls: { cert: pki.strangerClient.cert, key: pki.strangerClient.key } });
    const refused = await failures("tls-mutual", 2);
    expect(refused.lastError).toMatch(new RegExp(`^POST ${mutual.url} failed: `));
    expect(mutual.received).toEqual([]);
    await patch("tls-mutual", { tls: { cert: pki.client.cert, key: pki.client.key } });
    await delivered("tls-mutual");
    expect(mutual.received.map((r) => [JSON.parse(r.body).subject, r.clientName])).toEqual([
      ["tls-mutual", "doppel-client"],
    ]);
    // The key is still not shown once in use.
    const get = await h.request("GET", "/admin/endpoints/tls-mutual");
    expect(get.body.secrets).toEqual(["tls.key"]);
    expectNoKeyIn(get.text);
  });

  it("verifies the certificate against tls.servername instead of the URL's host", async () => {
    const url = `https://127.0.0.1:${named.port}/hook`;
    await deliverOne("tls-named", { kind: "webhook", url, tls: { ca: pki.ca.cert } });
    expect((await failures("tls-named", 1)).lastError).toBe(
      `POST ${url} failed: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: `,
    );
    await patch("tls-named", { tls: { servername: namedServerName } });
    await delivered("tls-named");
    expect(subjects(named)).toEqual(["tls-named"]);
  });

  it("accepts any certificate with insecureSkipVerify (testing only)", async () => {
    await deliverOne("tls-insecure", { kind: "webhook", url: plain.url, tls: { insecureSkipVerify: true } });
    await delivered("tls-insecure");
    expect(subjects(plain).filter((s) => s === "tls-insecure")).toEqual(["tls-insecure"]);
  });
});

describe("EndpointSecretBox with a nested credential", () => {
  const box = new EndpointSecretBox(Buffer.alloc(32, 7), "test");

  it("seals tls.key alone out of tls, and opens it back in place", () => {
    const definition = parseEndpointDefinition("m", {
      kind: "mqtt",
      url: "mqtts://broker.example.com",
      password: "broker-pass",
      tls: { ca: pki.ca.cert, cert: pki.client.cert, key: pki.client.key, servername: "broker.example.com" },
    });
    const { password: _password, tls: _tls, ...rest } = definition as unknown as Record<string, unknown>;
    const sealed = box.seal("m", definition);
    expect(sealed).toEqual({
      ...rest,
      tls: { ca: pki.ca.cert, cert: pki.client.cert, servername: "broker.example.com" },
      sealedSecrets: expect.stringMatching(/^v1\./),
    });
    expectNoKeyIn(JSON.stringify(sealed));
    expect(box.hasPlaintext(sealed)).toBe(false);
    expect(box.hasPlaintext(definition)).toBe(true);
    expect(box.open("m", sealed)).toEqual(definition);
    // Bound to the name, nested members included.
    expect(() => box.open("other", sealed)).toThrow("The stored credentials of the event endpoint 'other'");
  });

  it("treats a key as the only credential like any other (sealed, and seen in clear when it is not)", () => {
    const definition = parseEndpointDefinition("h", {
      kind: "webhook",
      url: "https://hooks.example.com/",
      tls: { cert: pki.client.cert, key: pki.client.key },
    });
    expect(box.hasPlaintext(definition)).toBe(true);
    const sealed = box.seal("h", definition) as Record<string, unknown>;
    expect(sealed.tls).toEqual({ cert: pki.client.cert });
    expect(sealed.secretHeaders).toEqual({});
    expect(box.open("h", sealed)).toEqual(definition);
    // Without a key nothing is sealed: the definition is stored as it is.
    const plain = parseEndpointDefinition("p", { kind: "webhook", url: "https://hooks.example.com/", tls: {} });
    expect(box.seal("p", plain)).toEqual(plain);
  });

  it("opens a row sealed by the release before tls (top-level credentials only) as before", () => {
    // Sealed with this key by the previous endpointSecretBox.ts.
    const legacy = {
      name: "legacy-mqtt",
      kind: "mqtt",
      url: "mqtts://broker.example.com",
      topic: "t",
      qos: 1,
      username: "u",
      retry: { maxAttempts: 1, maxAgeMs: 0, initialDelayMs: 1, maxDelayMs: 1 },
      timeoutMs: 1000,
      sealedSecrets: "v1.A0RAB-UfWs-F5Qd6tWusjvU8VMH-CMuEcFSkOLHIyXjDsb9My8-gUq6Ll414uLsjZGh5p38m",
    };
    const { sealedSecrets: _sealed, ...rest } = legacy;
    expect(box.open("legacy-mqtt", legacy)).toEqual({ ...rest, password: "legacy-pass" });
  });
});
