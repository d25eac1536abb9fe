/**
 * Endpoint definitions: where routed events go. Validated by `parseEndpointDefinition`, stored
 * with their credentials encrypted (`sealedEventStore`), returned by the API only through
 * `redactEndpoint`.
 */

export type EndpointKind = "webhook" | "mqtt" | "nats" | "amqp";

/** When to give up on an event and dead-letter it; whichever limit is reached first. */
export interface RetryPolicy {
  /** Attempts before dead-lettering (the first delivery counts). */
  readonly maxAttempts: number;
  /** Time from the first attempt after which a failing event is dead-lettered. */
  readonly maxAgeMs: number;
  /** First backoff; doubles per attempt, with jitter, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

interface EndpointBase {
  readonly name: string;
  readonly kind: EndpointKind;
  readonly retry: RetryPolicy;
  /** How long one delivery (a request, a publish with its ack) may take. */
  readonly timeoutMs: number;
}

export type WebhookFormat = "cloudevents-structured" | "cloudevents-binary" | "eventgrid";

export interface WebhookEndpoint extends EndpointBase {
  readonly kind: "webhook";
  readonly url: string;
  readonly format: WebhookFormat;
  /** Returned by the API. */
  readonly headers: Readonly<Record<string, string>>;
  /** Credentials sent as headers (e.g. Authorization); only their names are returned. */
  readonly secretHeaders: Readonly<Record<string, string>>;
  /** Signs each body: `<signatureHeader>: sha256=<hex HMAC-SHA256 of the body>`. */
  readonly hmacSecret?: string;
  readonly signatureHeader: string;
}

export interface MqttEndpoint extends EndpointBase {
  readonly kind: "mqtt";
  readonly url: string;
  /** Topic template, e.g. `doppel/{type}/{twinId}`. */
  readonly topic: string;
  readonly qos: 0 | 1;
  readonly clientId?: string;
  readonly username?: string;
  readonly password?: string;
}

export interface NatsEndpoint extends EndpointBase {
  readonly kind: "nats";
  readonly servers: readonly string[];
  /** Subject template, e.g. `doppel.{type}.{twinId}`. */
  readonly subject: string;
  /** Publish to JetStream and wait for its ack (a stream must capture the subjects). */
  readonly jetstream: boolean;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
}

export interface AmqpEndpoint extends EndpointBase {
  readonly kind: "amqp";
  /** amqp://host:port/vhost (credentials go in username/password; any in the URL are moved there). */
  readonly url: string;
  readonly exchange: string;
  /** When set, the exchange is declared (durable) with this type; otherwise it must exist. */
  readonly exchangeType?: "direct" | "topic" | "fanout" | "headers";
  /** Routing key template, e.g. `{type}`. */
  readonly routingKey: string;
  readonly username?: string;
  readonly password?: string;
}

export type EndpointDefinition = WebhookEndpoint | MqttEndpoint | NatsEndpoint | AmqpEndpoint;

/** Fields holding credentials, per kind: never returned by the API. */
export const secretFields: Readonly<Record<EndpointKind, readonly string[]>> = {
  webhook: ["hmacSecret", "secretHeaders"],
  mqtt: ["password"],
  nats: ["pass", "token"],
  amqp: ["password"],
};

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 10,
  maxAgeMs: 24 * 60 * 60 * 1000,
  initialDelayMs: 500,
  maxDelayMs: 60_000,
};

export const defaultTimeoutMs = 10_000;
