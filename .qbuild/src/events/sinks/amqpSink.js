import amqp from "amqplib";
import { encodeAmqp } from "./cloudEventEncoding.js";
import { compileTemplate, sanitizeAmqpKey } from "./expandTemplate.js";
import { delivered, failed, withTimeout } from "./sink.js";
/**
 * AMQP 0-9-1 publisher (RabbitMQ) on a confirm channel: delivered = the broker's publisher
 * confirm. Messages follow the CloudEvents AMQP binding (`cloudEvents:` application properties,
 * `data` as the body) and are persistent.
 */
export class AmqpSink {
    endpoint;
    link;
    routingKey;
    constructor(endpoint) {
        this.endpoint = endpoint;
        this.routingKey = compileTemplate(endpoint.routingKey, sanitizeAmqpKey);
    }
    async send(events) {
        try {
            const { channel } = await this.connected();
            const confirms = events.map((e) => this.publish(channel, e));
            return await withTimeout(Promise.all(confirms), this.endpoint.timeoutMs, "AMQP publisher confirm");
        }
        catch (error) {
            this.reset();
            const outcome = failed(error);
            return events.map(() => outcome);
        }
    }
    publish(channel, e) {
        const message = encodeAmqp(e);
        const id = message.headers["cloudEvents:id"];
        return new Promise((resolve) => {
            channel.publish(this.endpoint.exchange, this.routingKey(e), Buffer.from(message.body), {
                contentType: message.contentType,
                headers: message.headers,
                persistent: true,
                ...(id === undefined ? {} : { messageId: id }),
            }, (error) => resolve(error ? failed(error) : delivered));
        });
    }
    async connected() {
        this.link ??= this.open();
        return this.link;
    }
    async open() {
        const url = new URL(this.endpoint.url);
        if (this.endpoint.username !== undefined)
            url.username = encodeURIComponent(this.endpoint.username);
        if (this.endpoint.password !== undefined)
            url.password = encodeURIComponent(this.endpoint.password);
        const connection = await withTimeout(amqp.connect(url.href), this.endpoint.timeoutMs, "AMQP connection");
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
    reset() {
        const link = this.link;
        this.link = undefined;
        link?.then(({ connection }) => connection.close().catch(() => undefined), () => undefined);
    }
    async close() {
        const link = this.link;
        this.link = undefined;
        if (link) {
            const opened = await link.catch(() => undefined);
            await opened?.connection.close().catch(() => undefined);
        }
    }
}
//# sourceMappingURL=amqpSink.js.map