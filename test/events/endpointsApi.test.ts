import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointDefaults, notDelivered } from "./support/endpointExpectations.js";
import { type EventHarness, startEventHarness } from "./support/eventHarness.js";

let h: EventHarness;
beforeAll(async () => {
  h = await startEventHarness({ events: { dispatch: false } });
});
afterAll(async () => {
  await h.close();
});

describe("endpoints admin API", () => {
  it("creates (201), replaces (200), reads and lists a webhook without its credentials", async () => {
    const body = {
      kind: "webhook",
      url: "https://receiver.example:8443/hook",
      format: "cloudevents-binary",
      headers: { "X-Tenant": "blue" },
      secretHeaders: { Authorization: "Bearer s3cret" },
      hmacSecret: "hmac-key",
      timeoutMs: 2000,
    };
    const created = await h.request("PUT", "/admin/endpoints/hook1", { body });
    expect(created.status).toBe(201);
    const shown = {
      name: "hook1",
      kind: "webhook",
      url: "https://receiver.example:8443/hook",
      format: "cloudevents-binary",
      headers: { "x-tenant": "blue" },
      signatureHeader: "x-doppel-signature",
      retry: endpointDefaults.retry,
      timeoutMs: 2000,
      secrets: ["hmacSecret", "secretHeaders.authorization"],
    };
    expect(created.body).toEqual(shown);
    expect(created.text).not.toContain("s3cret");
    expect(created.text).not.toContain("hmac-key");
    const replaced = await h.request("PUT", "/admin/endpoints/hook1", { body });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual(shown);
    const get = await h.request("GET", "/admin/endpoints/hook1");
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ ...shown, delivery: notDelivered });
    const list = await h.request("GET", "/admin/endpoints");
    expect(list.body).toEqual({ value: [{ ...shown, delivery: notDelivered }], nextLink: null });
    expect(list.text).not.toContain("s3cret");
  });

  it("moves credentials out of broker URLs and never shows them", async () => {
    const res = await h.request("PUT", "/admin/endpoints/rabbit", {
      body: { kind: "amqp", url: "amqp://guest:pa%40ss@127.0.0.1:5672/", exchange: "amq.topic" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      name: "rabbit",
      kind: "amqp",
      url: "amqp://127.0.0.1:5672/",
      exchange: "amq.topic",
      routingKey: "{type}",
      username: "guest",
      ...endpointDefaults,
      secrets: ["password"],
    });
    expect(res.text).not.toContain("pa@ss");
    // Stored encrypted (test/events/endpointSecrets.test.ts); the dispatcher holds them in clear.
    const stored = await h.store.events.getEndpoint("rabbit");
    expect(JSON.stringify(stored?.definition)).not.toContain("pa@ss");
    expect(h.events.dispatcher.sinks.definition("rabbit")).toMatchObject({ password: "pa@ss", username: "guest" });
  });

  it("fills MQTT and NATS endpointDefaults", async () => {
    const mqtt = await h.request("PUT", "/admin/endpoints/m", {
      body: { kind: "mqtt", url: "mqtt://127.0.0.1:1883", password: "x", username: "u" },
    });
    expect(mqtt.body).toEqual({
      name: "m",
      kind: "mqtt",
      url: "mqtt://127.0.0.1:1883",
      topic: "doppel/{type}/{twinId}",
      qos: 1,
      username: "u",
      ...endpointDefaults,
      secrets: ["password"],
    });
    const nats = await h.request("PUT", "/admin/endpoints/n", {
      body: { kind: "nats", servers: "nats://127.0.0.1:4222", token: "t" },
    });
    expect(nats.body).toEqual({
      name: "n",
      kind: "nats",
      servers: ["nats://127.0.0.1:4222"],
      subject: "doppel.{type}.{twinId}",
      jetstream: false,
      ...endpointDefaults,
      secrets: ["token"],
    });
  });

  it("merges a PATCH over the stored definition, keeping credentials", async () => {
    const res = await h.request("PATCH", "/admin/endpoints/hook1", {
      body: { url: "http://localhost:9/other", headers: null, retry: { maxAttempts: 3 } },
      headers: { "content-type": "application/merge-patch+json" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      url: "http://localhost:9/other",
      headers: {},
      retry: { ...endpointDefaults.retry, maxAttempts: 3 },
    });
    expect(res.body.secrets).toEqual(["hmacSecret", "secretHeaders.authorization"]);
    expect(h.events.dispatcher.sinks.definition("hook1")).toMatchObject({
      hmacSecret: "hmac-key",
      secretHeaders: { authorization: "Bearer s3cret" },
    });
  });

  it("accepts what GET answers when sent back with PUT", async () => {
    const get = await h.request("GET", "/admin/endpoints/n");
    const put = await h.request("PUT", "/admin/endpoints/n", { body: get.body });
    expect(put.status).toBe(200);
  });

  it.each([
    [{ url: "http://x/" }, "The endpoint definition is invalid: 'kind' is required."],
    [
      { kind: "kafka" },
      "The endpoint definition is invalid: 'kind' must be one of webhook, mqtt, nats, amqp; got 'kafka'.",
    ],
    [
      { kind: "webhook", url: "ftp://x/" },
      "The endpoint definition is invalid: the URL 'ftp://…' must use one of http, https.",
    ],
    [{ kind: "webhook", url: "not a url" }, "The endpoint definition is invalid: 'not a url' is not a valid URL."],
    [
      { kind: "webhook", url: "http://a:b@x/" },
      "The endpoint definition is invalid: 'url' must not carry credentials; use 'secretHeaders'.",
    ],
    [
      { kind: "webhook", url: "http://x/", format: "xml" },
      "The endpoint definition is invalid: 'format' must be one of cloudevents-structured, cloudevents-binary, eventgrid.",
    ],
    [{ kind: "webhook", url: "http://x/", extra: 1 }, "The endpoint definition is invalid: unknown field 'extra'."],
    [
      { kind: "webhook", url: "http://x/", headers: { "a b": "c" } },
      "The endpoint definition is invalid: 'headers' must map header names to single-line strings ('a b' does not).",
    ],
    [
      { kind: "webhook", url: "http://x/", secretHeaders: { authorization: "Bearer \u2603" } },
      "The endpoint definition is invalid: 'secretHeaders' must map header names to single-line strings ('authorization' does not).",
    ],
    [
      { kind: "webhook", url: "http://x/", headers: { "x-a": "a\u0001b" } },
      "The endpoint definition is invalid: 'headers' must map header names to single-line strings ('x-a' does not).",
    ],
    [
      { kind: "webhook", url: "http://x/", retry: { maxAttempts: 0 } },
      "The endpoint definition is invalid: 'retry.maxAttempts' must be an integer from 1 to 1000000.",
    ],
    [
      { kind: "webhook", url: "http://x/", retry: { tries: 1 } },
      "The endpoint definition is invalid: unknown field 'retry.tries'.",
    ],
    [
      { kind: "mqtt", url: "mqtt://x", topic: "a/{nope}" },
      "The endpoint definition is invalid: 'topic': unknown template variable '{nope}' (use {type}, {twinId}, {subject}, {source}, {id}, {seq}).",
    ],
    [
      { kind: "mqtt", url: "mqtt://x", qos: 2 },
      "The endpoint definition is invalid: 'qos' must be an integer from 0 to 1.",
    ],
    [
      { kind: "nats", servers: [] },
      "The endpoint definition is invalid: 'servers' must be a URL or a non-empty array of URLs such as nats://127.0.0.1:4222.",
    ],
    [{ kind: "amqp", url: "amqp://x" }, "The endpoint definition is invalid: 'exchange' is required."],
    [
      { kind: "amqp", url: "amqp://x", exchange: "e", exchangeType: "weird" },
      "The endpoint definition is invalid: 'exchangeType' must be one of direct, topic, fanout, headers.",
    ],
    [
      { kind: "webhook", url: "http://x/", name: "other" },
      "The endpoint definition is invalid: 'name' is 'other' but the path says 'bad'.",
    ],
    ["text", "The endpoint definition is invalid: the body must be a JSON object."],
  ])("rejects %j", async (body, message) => {
    const res = await h.request("PUT", "/admin/endpoints/bad", { body });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-ms-error-code")).toBe("EndpointInvalid");
    expect(res.body).toEqual({ error: { code: "EndpointInvalid", message } });
    expect((await h.request("GET", "/admin/endpoints/bad")).status).toBe(404);
  });

  it("rejects a bad endpoint name", async () => {
    const res = await h.request("PUT", "/admin/endpoints/-x", { body: { kind: "webhook", url: "http://x/" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("EndpointInvalid");
  });

  it("refuses to delete an endpoint a route uses, then deletes it (204) and answers 404", async () => {
    await h.request("PUT", "/eventroutes/uses-n?api-version=2023-10-31", {
      body: { endpointName: "n", filter: "true" },
    });
    const refused = await h.request("DELETE", "/admin/endpoints/n");
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: {
        code: "EndpointInUse",
        message: "The endpoint 'n' is used by the event route(s) uses-n. Delete or re-point them first.",
      },
    });
    await h.request("DELETE", "/eventroutes/uses-n?api-version=2023-10-31");
    const deleted = await h.request("DELETE", "/admin/endpoints/n");
    expect(deleted.status).toBe(204);
    const missing = await h.request("GET", "/admin/endpoints/n");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "EndpointNotFound", message: "There is no endpoint named 'n'." } });
    expect((await h.request("DELETE", "/admin/endpoints/n")).status).toBe(404);
    expect((await h.request("PATCH", "/admin/endpoints/n", { body: {} })).status).toBe(404);
  });
});

describe("events config file", () => {
  it("creates the endpoints and routes it names at start-up", async () => {
    const file = join(tmpdir(), `doppel-events-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        endpoints: { hook: { kind: "webhook", url: "http://localhost:1/hook" } },
        routes: { all: { endpointName: "hook", filter: "true" } },
      }),
    );
    const started = await startEventHarness({ events: { dispatch: false, configFile: file } });
    try {
      expect((await started.request("GET", "/eventroutes?api-version=2023-10-31")).body).toEqual({
        value: [{ id: "all", endpointName: "hook", filter: "true" }],
        nextLink: null,
      });
      expect((await started.request("GET", "/admin/endpoints/hook")).status).toBe(200);
    } finally {
      await started.close();
    }
  });

  it("stops the start-up naming the bad entry", async () => {
    const file = join(tmpdir(), `doppel-events-bad-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        routes: { r: { endpointName: "hook", filter: "nope nope" } },
        endpoints: { hook: { kind: "webhook", url: "http://localhost:1/" } },
      }),
    );
    await expect(startEventHarness({ events: { dispatch: false, configFile: file } })).rejects.toThrow(
      `events config ${file}: route 'r': EventRouteFilterInvalid: The provided filter is invalid. Parsing error, Line=1, Position=6, Message=Unexpected input 'nope'.`,
    );
  });
});
