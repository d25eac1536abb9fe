import type { ConnectionOptions as TlsConnectionOptions } from "node:tls";
import { type ConnectionOptions, connect, type JetStreamClient, type NatsConnection, type TlsOptions } from "nats";
import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { NatsEndpoint } from "../endpoints/endpointDefinition.js";
import { compileTemplate, sanitizeNatsToken } from "./expandTemplate.js";
import { explainTlsError } from "./explainTlsError.js";
import { natsMessageId } from "./natsMessageId.js";
import { type DeliveryOutcome, delivered, failed, type Sink, withTimeout } from "./sink.js";
import { tlsConnectOptions } from "./tlsConnectOptions.js";

/**
 * The payload's bytes. `Buffer.from` rather than `TextEncoder.encode`: for a CloudEvent of a few
 * hundred bytes it takes a sixth of the time (it writes into a pooled slab), and a drain encodes
 * every event.
 */
const bytesOf = (e: DeliveryEvent): Uint8Array => Buffer.from(e.raw, "utf8");

/**
 * NATS publisher: the structured CloudEvent as payload. Core NATS counts a batch delivered once
 * the server answered a flush (PING/PONG after the publishes); JetStream waits for each ack, and
 * every publish carries `Nats-Msg-Id` (`natsMessageId`) so the stream's duplicate window drops
 * what a crash makes us send again.
 */
export class NatsSink implements Sink {
  private connection: Promise<NatsConnection> | undefined;
  private jetstream: JetStreamClient | undefined;
  private readonly subject: (e: DeliveryEvent) => string;

  constructor(private readonly endpoint: NatsEndpoint) {
    this.subject = compileTemplate(endpoint.subject, sanitizeNatsToken);
  }

  async send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]> {
    try {
      const nc = await this.connected();
      if (this.endpoint.jetstream) return await this.sendJetStream(nc, events);
      for (const e of events) nc.publish(this.subject(e), bytesOf(e));
      await withTimeout(nc.flush(), this.endpoint.timeoutMs, "NATS flush");
      return events.map(() => delivered);
    } catch (error) {
      const outcome = failed(explainTlsError(explainTlsRefusal(error)));
      return events.map(() => outcome);
    }
  }

  private async sendJetStream(nc: NatsConnection, events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]> {
    this.jetstream ??= nc.jetstream({ timeout: this.endpoint.timeoutMs });
    const js = this.jetstream;
    return Promise.all(
      events.map((e) =>
        js.publish(this.subject(e), bytesOf(e), { msgID: natsMessageId(e) }).then(
          () => delivered,
          (error: unknown) => failed(error),
        ),
      ),
    );
  }

  private async connected(): Promise<NatsConnection> {
    this.connection ??= connect(natsConnectionOptions(this.endpoint));
    try {
      const nc = await this.connection;
      if (nc.isClosed()) throw new Error("NATS connection closed");
      return nc;
    } catch (error) {
      // Connect again on the next attempt.
      this.connection = undefined;
      this.jetstream = undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) {
      const nc = await connection.catch(() => undefined);
      await nc?.close().catch(() => undefined);
    }
  }
}

/**
 * What the sink hands nats.js. With `tls` the connection must be TLS (nats.js upgrades after the
 * server's INFO, or refuses a server that offers none); without it the server decides. nats.js
 * passes its whole `tls` object to `tls.connect`, so `servername` and `rejectUnauthorized` reach
 * it although its type names only the PEM members.
 */
export function natsConnectionOptions(endpoint: NatsEndpoint): ConnectionOptions {
  const tls: (TlsOptions & TlsConnectionOptions) | undefined = tlsConnectOptions(endpoint.tls) as
    | (TlsOptions & TlsConnectionOptions)
    | undefined;
  return {
    servers: [...endpoint.servers],
    user: endpoint.user,
    pass: endpoint.pass,
    token: endpoint.token,
    name: `doppel-${endpoint.name}`,
    timeout: Math.min(endpoint.timeoutMs, 5000),
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    ...(tls === undefined ? {} : { tls }),
  };
}

/** nats.js says only "tls" when the endpoint wants TLS and the server offers none. */
function explainTlsRefusal(error: unknown): unknown {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === "SERVER_OPT_NA" && message === "tls") {
    return new Error("the NATS server does not offer TLS, which the endpoint's 'tls' requires");
  }
  return error;
}
