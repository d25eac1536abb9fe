import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { DoppelError } from "../../errors/catalogue.js";
import { parseTemplate } from "../sinks/expandTemplate.js";
import {
  type AmqpEndpoint,
  defaultRetryPolicy,
  defaultTimeoutMs,
  type EndpointDefinition,
  type EndpointTls,
  type MqttEndpoint,
  type NatsEndpoint,
  type RetryPolicy,
  type WebhookEndpoint,
  type WebhookFormat,
} from "./endpointDefinition.js";

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkEndpointName(name: string): void {
  if (!namePattern.test(name)) {
    throw invalid(
      `The endpoint name '${name}' is invalid: use 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit`,
    );
  }
}

/**
 * Validates an endpoint definition from the API or the config file (strict: unknown fields are
 * rejected so a typo never silently drops a setting) and fills in defaults.
 */
export function parseEndpointDefinition(name: string, body: unknown): EndpointDefinition {
  checkEndpointName(name);
  const r = new FieldReader(body);
  const kind = r.string("kind", true);
  // What GET answers may be sent back: `name` must agree with the path, `secrets` and `delivery`
  // (the live delivery state) are informative.
  const bodyName = r.string("name");
  if (bodyName !== undefined && bodyName !== name) throw invalid(`'name' is '${bodyName}' but the path says '${name}'`);
  r.value("secrets");
  r.value("delivery");
  const tls = parseTls(r.object("tls"));
  const base: Base = {
    name,
    retry: parseRetry(r.object("retry")),
    timeoutMs: r.integer("timeoutMs", 1, 600_000) ?? defaultTimeoutMs,
    ...(tls === undefined ? {} : { tls }),
  };
  let definition: EndpointDefinition;
  switch (kind) {
    case "webhook":
      definition = parseWebhook(r, base);
      break;
    case "mqtt":
      definition = parseMqtt(r, base);
      break;
    case "nats":
      definition = parseNats(r, base);
      break;
    case "amqp":
      definition = parseAmqp(r, base);
      break;
    default:
      throw invalid(`'kind' must be one of webhook, mqtt, nats, amqp; got '${kind}'`);
  }
  r.rejectUnknown();
  return definition;
}

type Base = { name: string; retry: RetryPolicy; timeoutMs: number; tls?: EndpointTls };

function parseWebhook(r: FieldReader, base: Base): WebhookEndpoint {
  const url = parseUrl(r.string("url", true)!, ["http:", "https:"]);
  if (url.username || url.password) throw invalid("'url' must not carry credentials; use 'secretHeaders'");
  checkTlsScheme(base, url, { "http:": "https" });
  const format = (r.string("format") ?? "cloudevents-structured") as WebhookFormat;
  if (!["cloudevents-structured", "cloudevents-binary", "eventgrid"].includes(format)) {
    throw invalid("'format' must be one of cloudevents-structured, cloudevents-binary, eventgrid");
  }
  const hmacSecret = r.string("hmacSecret");
  return {
    ...base,
    kind: "webhook",
    url: url.href,
    format,
    headers: r.headers("headers"),
    secretHeaders: r.headers("secretHeaders"),
    ...(hmacSecret === undefined ? {} : { hmacSecret }),
    signatureHeader: (r.string("signatureHeader") ?? "x-doppel-signature").toLowerCase(),
  };
}

function parseMqtt(r: FieldReader, base: Base): MqttEndpoint {
  const url = parseUrl(r.string("url", true)!, ["mqtt:", "mqtts:", "ws:", "wss:"]);
  checkTlsScheme(base, url, { "mqtt:": "mqtts", "ws:": "wss" });
  const credentials = takeUrlCredentials(url, r.string("username"), r.string("password"));
  const qos = r.integer("qos", 0, 1) ?? 1;
  const clientId = r.string("clientId");
  return {
    ...base,
    kind: "mqtt",
    url: url.href,
    topic: checkTemplate("topic", r.string("topic") ?? "doppel/{type}/{twinId}"),
    qos: qos as 0 | 1,
    ...(clientId === undefined ? {} : { clientId }),
    ...credentials,
  };
}

function parseNats(r: FieldReader, base: Base): NatsEndpoint {
  const raw = r.value("servers");
  const servers = typeof raw === "string" ? [raw] : raw;
  if (!Array.isArray(servers) || servers.length === 0 || !servers.every((s) => typeof s === "string")) {
    throw invalid("'servers' must be a URL or a non-empty array of URLs such as nats://127.0.0.1:4222");
  }
  for (const server of servers) parseUrl(server, ["nats:", "tls:", "ws:", "wss:"]);
  const jetstream = r.boolean("jetstream") ?? false;
  const user = r.string("user");
  const pass = r.string("pass");
  const token = r.string("token");
  return {
    ...base,
    kind: "nats",
    servers,
    subject: checkTemplate("subject", r.string("subject") ?? "doppel.{type}.{twinId}"),
    jetstream,
    ...(user === undefined ? {} : { user }),
    ...(pass === undefined ? {} : { pass }),
    ...(token === undefined ? {} : { token }),
  };
}

function parseAmqp(r: FieldReader, base: Base): AmqpEndpoint {
  const url = parseUrl(r.string("url", true)!, ["amqp:", "amqps:"]);
  checkTlsScheme(base, url, { "amqp:": "amqps" });
  const credentials = takeUrlCredentials(url, r.string("username"), r.string("password"));
  const exchange = r.string("exchange", true)!;
  const exchangeType = r.string("exchangeType");
  if (exchangeType !== undefined && !["direct", "topic", "fanout", "headers"].includes(exchangeType)) {
    throw invalid("'exchangeType' must be one of direct, topic, fanout, headers");
  }
  return {
    ...base,
    kind: "amqp",
    url: url.href,
    exchange,
    ...(exchangeType === undefined ? {} : { exchangeType: exchangeType as AmqpEndpoint["exchangeType"] & string }),
    routingKey: checkTemplate("routingKey", r.string("routingKey") ?? "{type}"),
    ...credentials,
  };
}

function parseRetry(body: unknown): RetryPolicy {
  if (body === undefined) return defaultRetryPolicy;
  const r = new FieldReader(body, "retry.");
  const policy: RetryPolicy = {
    maxAttempts: r.integer("maxAttempts", 1, 1_000_000) ?? defaultRetryPolicy.maxAttempts,
    maxAgeMs: r.integer("maxAgeMs", 0, 30 * 24 * 3_600_000) ?? defaultRetryPolicy.maxAgeMs,
    initialDelayMs: r.integer("initialDelayMs", 1, 3_600_000) ?? defaultRetryPolicy.initialDelayMs,
    maxDelayMs: r.integer("maxDelayMs", 1, 3_600_000) ?? defaultRetryPolicy.maxDelayMs,
  };
  r.rejectUnknown();
  return policy;
}

/**
 * `tls` as given, once every member checks out: certificates and key parse (errors name the
 * member, never its text), and the key belongs to the client certificate.
 */
function parseTls(body: unknown): EndpointTls | undefined {
  if (body === undefined) return undefined;
  const r = new FieldReader(body, "tls.");
  const ca = r.string("ca");
  const cert = r.string("cert");
  const key = r.string("key");
  const servername = r.string("servername");
  const insecureSkipVerify = r.boolean("insecureSkipVerify");
  r.rejectUnknown();
  if (ca !== undefined) readCertificates("tls.ca", ca);
  const chain = cert === undefined ? undefined : readCertificates("tls.cert", cert);
  const privateKey = key === undefined ? undefined : readPrivateKey(key);
  if ((chain === undefined) !== (privateKey === undefined)) {
    throw invalid("'tls.cert' and 'tls.key' must be given together (a client certificate and its private key)");
  }
  if (chain && privateKey && !chain[0]!.checkPrivateKey(privateKey)) {
    throw invalid("'tls.key' is not the private key of the first certificate in 'tls.cert'");
  }
  if (servername !== undefined) checkServername(servername);
  return {
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
    ...(servername === undefined ? {} : { servername }),
    ...(insecureSkipVerify === undefined ? {} : { insecureSkipVerify }),
  };
}

const pemBlock = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** Every PEM block of the text, each a certificate that parses; text between blocks is ignored, as OpenSSL does. */
function readCertificates(field: string, text: string): X509Certificate[] {
  const blocks = [...text.matchAll(pemBlock)];
  if (blocks.length === 0)
    throw invalid(`'${field}' must hold one or more PEM certificates (-----BEGIN CERTIFICATE-----)`);
  return blocks.map((block, index) => {
    if (block[1] !== "CERTIFICATE") throw invalid(`'${field}' must hold PEM certificates only, not a ${block[1]}`);
    try {
      return new X509Certificate(block[0]);
    } catch {
      throw invalid(`'${field}': certificate ${index + 1} of ${blocks.length} does not parse`);
    }
  });
}

function readPrivateKey(text: string): KeyObject {
  // PKCS#8 (`ENCRYPTED PRIVATE KEY`) or OpenSSL's legacy PEM encryption (`Proc-Type: 4,ENCRYPTED`).
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(text)) {
    throw invalid("'tls.key' is encrypted: give it without a passphrase (Doppel encrypts it at rest)");
  }
  try {
    return createPrivateKey({ key: text, format: "pem" });
  } catch {
    // OpenSSL's reason would say nothing more useful, and nothing of the key is repeated.
    throw invalid("'tls.key' is not a PEM private key (PKCS#8, PKCS#1 or SEC1)");
  }
}

const dnsName =
  /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

function checkServername(servername: string): void {
  // TLS carries only DNS names as the server name (RFC 6066); Node warns about an IP address there.
  if (isIP(servername) !== 0 || !dnsName.test(servername)) {
    throw invalid("'tls.servername' must be a DNS name such as broker.example.com");
  }
}

/** `tls` needs a TLS connection: on a plain URL it would be ignored, so it is refused instead. */
function checkTlsScheme(base: Base, url: URL, secureScheme: Readonly<Record<string, string>>): void {
  const secure = secureScheme[url.protocol];
  if (base.tls !== undefined && secure !== undefined) {
    throw invalid(`'tls' is set but the URL '${url.protocol}//…' does not use TLS; use ${secure}`);
  }
}

function parseUrl(text: string, protocols: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`'${text}' is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw invalid(`the URL '${url.protocol}//…' must use one of ${protocols.map((p) => p.slice(0, -1)).join(", ")}`);
  }
  return url;
}

/** Moves `user:pass@` out of a URL so the stored URL is safe to show. */
function takeUrlCredentials(
  url: URL,
  username: string | undefined,
  password: string | undefined,
): { username?: string; password?: string } {
  const user = username ?? (url.username ? decodeURIComponent(url.username) : undefined);
  const pass = password ?? (url.password ? decodeURIComponent(url.password) : undefined);
  url.username = "";
  url.password = "";
  return { ...(user === undefined ? {} : { username: user }), ...(pass === undefined ? {} : { password: pass }) };
}

function checkTemplate(field: string, template: string): string {
  try {
    parseTemplate(template);
  } catch (error) {
    throw invalid(`'${field}': ${(error as Error).message}`);
  }
  return template;
}

function invalid(message: string): DoppelError {
  return new DoppelError("EndpointInvalid", `The endpoint definition is invalid: ${message}.`);
}

/** Reads typed fields off a JSON object and remembers which were read. */
class FieldReader {
  private readonly seen = new Set<string>();
  private readonly body: Record<string, unknown>;

  constructor(
    body: unknown,
    private readonly prefix = "",
  ) {
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw invalid(prefix ? `'${prefix.slice(0, -1)}' must be an object` : "the body must be a JSON object");
    }
    this.body = body as Record<string, unknown>;
  }

  value(key: string): unknown {
    this.seen.add(key);
    return Object.hasOwn(this.body, key) ? this.body[key] : undefined;
  }

  string(key: string, required = false): string | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) {
      if (required) throw invalid(`'${this.prefix}${key}' is required`);
      return undefined;
    }
    if (typeof value !== "string" || value === "") throw invalid(`'${this.prefix}${key}' must be a non-empty string`);
    return value;
  }

  integer(key: string, min: number, max: number): number | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw invalid(`'${this.prefix}${key}' must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw invalid(`'${this.prefix}${key}' must be true or false`);
    return value;
  }

  object(key: string): unknown {
    const value = this.value(key);
    return value === null ? undefined : value;
  }

  /** Names are HTTP tokens; values what Node will send (tab, visible ASCII, Latin-1), checked here rather than failing every delivery. */
  headers(key: string): Record<string, string> {
    const value = this.value(key);
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) throw invalid(`'${key}' must be an object of strings`);
    const headers: Record<string, string> = {};
    for (const [name, text] of Object.entries(value)) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || typeof text !== "string" || !headerValue.test(text)) {
        throw invalid(`'${key}' must map header names to single-line strings ('${name}' does not)`);
      }
      headers[name.toLowerCase()] = text;
    }
    return headers;
  }

  rejectUnknown(): void {
    for (const key of Object.keys(this.body)) {
      if (!this.seen.has(key)) throw invalid(`unknown field '${this.prefix}${key}'`);
    }
  }
}

const headerValue = /^[\t\x20-\x7e\x80-\xff]*$/;
