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

/**
 * TLS settings of one endpoint's connections, beside the process-wide trust store: a private CA,
 * a client certificate (mutual TLS), the name to verify. PEM text, validated when defined.
 */
export interface EndpointTls {
  /** CA certificates to trust instead of the public roots (and NODE_EXTRA_CA_CERTS). */
  readonly ca?: string;
  /** Client certificate, then any intermediates; always with `key`. */
  readonly cert?: string;
  /** The client certificate's private key: a credential, sealed at rest and never returned. */
  readonly key?: string;
  /** Sent as SNI and checked against the server's certificate instead of the URL's host. */
  readonly servername?: string;
  /** Accepts any server certificate: for testing only. */
  readonly insecureSkipVerify?: boolean;
}

interface EndpointBase {
  readonly name: string;
  readonly kind: EndpointKind;
  readonly retry: RetryPolicy;
  /** How long one delivery (a request, a publish with its ack) may take. */
  readonly timeoutMs: number;
  readonly tls?: EndpointTls;
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

/**
 * Fields holding credentials, per kind: never returned by the API. A dotted name is a member of
 * a nested object (`tls.key`: the key alone is secret, the rest of `tls` is shown).
 */
export const secretFields: Readonly<Record<EndpointKind, readonly string[]>> = {
  webhook: ["hmacSecret", "secretHeaders", "tls.key"],
  mqtt: ["password", "tls.key"],
  nats: ["pass", "token", "tls.key"],
  amqp: ["password", "tls.key"],
};

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 10,
  maxAgeMs: 24 * 60 * 60 * 1000,
  initialDelayMs: 500,
  maxDelayMs: 60_000,
};

export const defaultTimeoutMs = 10_000;
