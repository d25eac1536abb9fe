import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DoppelError } from "../../src/errors/catalogue.js";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { createTestPki } from "../support/testPki.js";
import { type EventHarness, startEventHarness } from "./support/eventHarness.js";

/**
 * Endpoint definitions are untrusted input (an admin's PUT body, a config file): whatever they
 * hold, the parser answers a definition or the one EndpointInvalid error, and the API answers
 * 2xx or 400, never 5xx.
 */

const pki = createTestPki();
const pemLike = fc.oneof(
  fc.constantFrom(pki.ca.cert, pki.client.cert, pki.client.key, `${pki.ca.cert}${pki.client.cert}`),
  // Real PEMs cut, doubled, or with a byte changed.
  fc
    .tuple(fc.constantFrom(pki.ca.cert, pki.client.key), fc.nat(), fc.string({ maxLength: 3 }))
    .map(([pem, at, insert]) => pem.slice(0, at % pem.length) + insert + pem.slice(at % pem.length)),
  fc.string({ maxLength: 200 }).map((body) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`),
  fc.string({ maxLength: 50 }),
);
const tls = fc.record(
  {
    ca: fc.oneof(pemLike, fc.anything()),
    cert: fc.oneof(pemLike, fc.anything()),
    key: fc.oneof(pemLike, fc.anything()),
    servername: fc.oneof(fc.domain(), fc.string(), fc.anything()),
    insecureSkipVerify: fc.oneof(fc.boolean(), fc.anything()),
  },
  { requiredKeys: [] },
);
const url = fc.oneof(
  fc.constantFrom(
    "https://localhost:9/hook",
    "http://localhost:9/hook",
    "mqtts://localhost:8883",
    "ws://localhost:9/mqtt",
    "amqps://localhost:5671/",
    "amqp://u:p@localhost/",
    "nats://localhost:4222",
  ),
  fc.webUrl(),
  fc.string(),
);
const definition = fc.record(
  {
    kind: fc.oneof(fc.constantFrom("webhook", "mqtt", "nats", "amqp"), fc.string()),
    url,
    servers: fc.oneof(fc.array(url, { maxLength: 3 }), fc.anything()),
    topic: fc.oneof(fc.constantFrom("doppel/{type}/{twinId}", "a/{nope}"), fc.string()),
    subject: fc.oneof(fc.constantFrom("doppel.{type}", "a.{"), fc.string()),
    exchange: fc.string(),
    routingKey: fc.string(),
    qos: fc.oneof(fc.constantFrom(0, 1, 2), fc.anything()),
    headers: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), fc.anything()),
    secretHeaders: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ unit: "grapheme", maxLength: 20 })),
    hmacSecret: fc.anything(),
    format: fc.oneof(fc.constantFrom("cloudevents-structured", "eventgrid"), fc.string()),
    retry: fc.oneof(fc.record({ maxAttempts: fc.integer(), maxAgeMs: fc.double() }), fc.anything()),
    timeoutMs: fc.oneof(fc.integer(), fc.double(), fc.anything()),
    tls: fc.oneof(tls, fc.anything()),
  },
  { requiredKeys: [] },
);
/** Definitions of one kind with only that kind's members: mostly valid, so the accepting paths run too. */
const tlsOften = fc.option(
  fc.record(
    {
      ca: fc.oneof(fc.constant(pki.ca.cert), pemLike),
      cert: fc.constant(pki.client.cert),
      key: fc.oneof(fc.constant(pki.client.key), pemLike),
      servername: fc.oneof(fc.constant("receiver.doppel.test"), fc.string({ maxLength: 8 })),
      insecureSkipVerify: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);
const withTls = <T extends object>(base: T, tlsValue: unknown) =>
  tlsValue === undefined ? base : { ...base, tls: tlsValue };
const kindShaped = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("https://localhost:9/hook", "http://localhost:9/hook"),
      tlsOften,
      fc.string({ maxLength: 12 }),
    )
    .map(([u, t, h]) => withTls({ kind: "webhook", url: u, headers: { "x-h": h } }, t)),
  fc
    .tuple(fc.constantFrom("mqtts://localhost:8883", "mqtt://localhost:1883", "wss://localhost/mqtt"), tlsOften)
    .map(([u, t]) => withTls({ kind: "mqtt", url: u, topic: "doppel/{type}/{twinId}" }, t)),
  fc
    .tuple(tlsOften, fc.boolean())
    .map(([t, js]) =>
      withTls({ kind: "nats", servers: ["nats://localhost:4222"], subject: "doppel.{type}", jetstream: js }, t),
    ),
  fc
    .tuple(fc.constantFrom("amqps://localhost:5671/", "amqp://localhost:5672/"), tlsOften)
    .map(([u, t]) => withTls({ kind: "amqp", url: u, exchange: "twins", routingKey: "{type}" }, t)),
);
const body = fc.oneof(
  { weight: 4, arbitrary: kindShaped },
  { weight: 4, arbitrary: definition },
  { weight: 1, arbitrary: fc.anything() },
);

describe("endpoint definitions under fuzzing", () => {
  it("the parser answers a definition or EndpointInvalid, and never throws anything else", () => {
    let accepted = 0;
    fc.assert(
      fc.property(body, (input) => {
        try {
          parseEndpointDefinition("fuzz", input);
          accepted++;
        } catch (error) {
          expect(error).toBeInstanceOf(DoppelError);
          expect((error as DoppelError).code).toBe("EndpointInvalid");
          expect((error as DoppelError).message).toMatch(/^The endpoint definition is invalid: /);
        }
      }),
      { numRuns: 3000 },
    );
    // The generator reaches the accepting paths, not only the refusals.
    expect(accepted).toBeGreaterThan(300);
  });

  describe("through the admin API", () => {
    let h: EventHarness;
    beforeAll(async () => {
      h = await startEventHarness({ events: { dispatch: false } });
    });
    afterAll(async () => {
      await h.close();
    });

    it("PUT answers 200, 201 or 400 with a stable code, never 5xx, and a stored endpoint reads back", async () => {
      let stored = 0;
      await fc.assert(
        fc.asyncProperty(body, async (input) => {
          const res = await h.request("PUT", "/admin/endpoints/fuzz", { body: input });
          if (res.status === 400) {
            // InvalidArgument: bodies the JSON guard refuses before any route sees them (`__proto__` keys).
            expect(["EndpointInvalid", "InvalidArgument"]).toContain(res.headers.get("x-ms-error-code"));
            return;
          }
          expect([200, 201]).toContain(res.status);
          stored++;
          const read = await h.request("GET", "/admin/endpoints/fuzz");
          expect(read.status).toBe(200);
          // The private key is a credential: never answered.
          expect(JSON.stringify(read.body)).not.toContain("PRIVATE KEY");
        }),
        { numRuns: 300 },
      );
      expect(stored).toBeGreaterThan(10);
    }, 120_000);
  });
});
