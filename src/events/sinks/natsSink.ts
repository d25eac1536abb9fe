import { connect, type JetStreamClient, type NatsConnection } from "nats";
import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { NatsEndpoint } from "../endpoints/endpointDefinition.js";
import { compileTemplate, sanitizeNatsToken } from "./expandTemplate.js";
import { natsMessageId } from "./natsMessageId.js";
import { type DeliveryOutcome, delivered, failed, type Sink, withTimeout } from "./sink.js";

const encoder = new TextEncoder();

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
      for (const e of events) nc.publish(this.subject(e), encoder.encode(e.raw));
      await withTimeout(nc.flush(), this.endpoint.timeoutMs, "NATS flush");
      return events.map(() => delivered);
    } catch (error) {
      const outcome = failed(error);
      return events.map(() => outcome);
    }
  }

  private async sendJetStream(nc: NatsConnection, events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]> {
    this.jetstream ??= nc.jetstream({ timeout: this.endpoint.timeoutMs });
    const js = this.jetstream;
    return Promise.all(
      events.map((e) =>
        js.publish(this.subject(e), encoder.encode(e.raw), { msgID: natsMessageId(e) }).then(
          () => delivered,
          (error: unknown) => failed(error),
        ),
      ),
    );
  }

  private async connected(): Promise<NatsConnection> {
    this.connection ??= connect({
      servers: [...this.endpoint.servers],
      user: this.endpoint.user,
      pass: this.endpoint.pass,
      token: this.endpoint.token,
      name: `doppel-${this.endpoint.name}`,
      timeout: Math.min(this.endpoint.timeoutMs, 5000),
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
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
