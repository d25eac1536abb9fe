import { connect } from "nats";
import { compileTemplate, sanitizeNatsToken } from "./expandTemplate.js";
import { delivered, failed, withTimeout } from "./sink.js";
const encoder = new TextEncoder();
/**
 * NATS publisher: the structured CloudEvent as payload. Core NATS counts a batch delivered once
 * the server answered a flush (PING/PONG after the publishes); JetStream waits for each ack.
 */
export class NatsSink {
    endpoint;
    connection;
    jetstream;
    subject;
    constructor(endpoint) {
        this.endpoint = endpoint;
        this.subject = compileTemplate(endpoint.subject, sanitizeNatsToken);
    }
    async send(events) {
        try {
            const nc = await this.connected();
            if (this.endpoint.jetstream)
                return await this.sendJetStream(nc, events);
            for (const e of events)
                nc.publish(this.subject(e), encoder.encode(e.raw));
            await withTimeout(nc.flush(), this.endpoint.timeoutMs, "NATS flush");
            return events.map(() => delivered);
        }
        catch (error) {
            const outcome = failed(error);
            return events.map(() => outcome);
        }
    }
    async sendJetStream(nc, events) {
        this.jetstream ??= nc.jetstream({ timeout: this.endpoint.timeoutMs });
        const js = this.jetstream;
        return Promise.all(events.map((e) => js.publish(this.subject(e), encoder.encode(e.raw)).then(() => delivered, (error) => failed(error))));
    }
    async connected() {
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
            if (nc.isClosed())
                throw new Error("NATS connection closed");
            return nc;
        }
        catch (error) {
            // Connect again on the next attempt.
            this.connection = undefined;
            this.jetstream = undefined;
            throw error;
        }
    }
    async close() {
        const connection = this.connection;
        this.connection = undefined;
        if (connection) {
            const nc = await connection.catch(() => undefined);
            await nc?.close().catch(() => undefined);
        }
    }
}
//# sourceMappingURL=natsSink.js.map