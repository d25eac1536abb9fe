import type { ConnectionOptions } from "node:tls";
import amqp, { type ChannelModel, type ConfirmChannel } from "amqplib";
import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { AmqpEndpoint } from "../endpoints/endpointDefinition.js";
import { encodeAmqp } from "./cloudEventEncoding.js";
import { compileTemplate, sanitizeAmqpKey } from "./expandTemplate.js";
import { explainTlsError } from "./explainTlsError.js";
import { type DeliveryOutcome, delivered, failed, type Sink, withTimeout } from "./sink.js";
import { tlsConnectOptions } from "./tlsConnectOptions.js";

interface Link {
  readonly connection: ChannelModel;
  readonly channel: ConfirmChannel;
}

/**
 * AMQP 0-9-1 publisher (RabbitMQ) on a confirm channel: delivered = the broker's publisher
 * confirm. Messages follow the CloudEvents AMQP binding (`cloudEvents:` application properties,
 * `data` as the body) and are persistent.
 */
export class AmqpSink implements Sink {
  private link: Promise<Link> | undefined;
  private readonly routingKey: (e: DeliveryEvent) => string;

  constructor(private readonly endpoint: AmqpEndpoint) {
    this.routingKey = compileTemplate(endpoint.routingKey, sanitizeAmqpKey);
  }

  async send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]> {
    try {
      const { channel } = await this.connected();
      const confirms = events.map((e) => this.publish(channel, e));
      return await withTimeout(Promise.all(confirms), this.endpoint.timeoutMs, "AMQP publisher confirm");
    } catch (error) {
      this.reset();
      const outcome = failed(explainTlsError(error));
      return events.map(() => outcome);
    }
  }

  private publish(channel: ConfirmChannel, e: DeliveryEvent): Promise<DeliveryOutcome> {
    const message = encodeAmqp(e);
    const id = message.headers["cloudEvents:id"];
    return new Promise((resolve) => {
      channel.publish(
        this.endpoint.exchange,
        this.routingKey(e),
        Buffer.from(message.body),
        {
          contentType: message.contentType,
          headers: message.headers,
          persistent: true,
          ...(id === undefined ? {} : { messageId: id }),
        },
        (error: unknown) => resolve(error ? failed(error) : delivered),
      );
    });
  }

  private async connected(): Promise<Link> {
    this.link ??= this.open();
    return this.link;
  }

  private async open(): Promise<Link> {
    const url = new URL(this.endpoint.url);
    if (this.endpoint.username !== undefined) url.username = encodeURIComponent(this.endpoint.username);
    if (this.endpoint.password !== undefined) url.password = encodeURIComponent(this.endpoint.password);
    const connection = await withTimeout(
      amqp.connect(url.href, amqpSocketOptions(this.endpoint)),
      this.endpoint.timeoutMs,
      "AMQP connection",
    );
    const drop = () => this.reset();
    connection.on("error", drop);
    connection.on("close", drop);
    const channel = await connection.createConfirmChannel();
    channel.on("error", drop);
    channel.on("close", drop);
    if (this.endpoint.exchangeType) {
      await channel.assertExchange(this.endpoint.exchange, this.endpoint.exchangeType, { durable: true });
    }
    return { connection, channel };
  }

  /** Forget the link (a closed channel cannot be reused); the next send reconnects. */
  private reset(): void {
    const link = this.link;
    this.link = undefined;
    link?.then(
      ({ connection }) => connection.close().catch(() => undefined),
      () => undefined,
    );
  }

  async close(): Promise<void> {
    const link = this.link;
    this.link = undefined;
    if (link) {
      const opened = await link.catch(() => undefined);
      await opened?.connection.close().catch(() => undefined);
    }
  }
}

/**
 * The socket options amqplib hands `tls.connect` for `amqps://` (it sets `servername` from the
 * URL's host itself unless given one). Empty without `tls`.
 */
export function amqpSocketOptions(endpoint: AmqpEndpoint): ConnectionOptions {
  return { ...tlsConnectOptions(endpoint.tls) };
}
