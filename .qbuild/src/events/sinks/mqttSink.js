import mqtt from "mqtt";
import { compileTemplate, sanitizeMqttLevel } from "./expandTemplate.js";
import { delivered, failed, withTimeout } from "./sink.js";
/**
 * MQTT 3.1.1 publisher: the structured CloudEvent as payload, QoS 1 by default (delivered = the
 * broker's PUBACK). One connection per endpoint, kept open and reconnected by the client.
 */
export class MqttSink {
    endpoint;
    client;
    topic;
    constructor(endpoint) {
        this.endpoint = endpoint;
        this.topic = compileTemplate(endpoint.topic, sanitizeMqttLevel);
    }
    async send(events) {
        let client;
        try {
            client = await this.connected();
        }
        catch (error) {
            const outcome = failed(error);
            return events.map(() => outcome);
        }
        const publishes = events.map((e) => client.publishAsync(this.topic(e), e.raw, { qos: this.endpoint.qos }).then(() => delivered, (error) => failed(error)));
        try {
            return await withTimeout(Promise.all(publishes), this.endpoint.timeoutMs, "MQTT publish");
        }
        catch (error) {
            const outcome = failed(error);
            return events.map(() => outcome);
        }
    }
    /** The open client; fails fast while the broker is unreachable rather than queueing offline. */
    async connected() {
        if (!this.client) {
            this.client = mqtt.connect(this.endpoint.url, {
                clientId: this.endpoint.clientId ?? `doppel-${this.endpoint.name}-${process.pid}-${Date.now().toString(36)}`,
                username: this.endpoint.username,
                password: this.endpoint.password,
                reconnectPeriod: 1000,
                connectTimeout: Math.min(this.endpoint.timeoutMs, 10_000),
                clean: true,
            });
            this.client.on("error", () => undefined);
        }
        const client = this.client;
        if (client.connected)
            return client;
        await withTimeout(new Promise((resolve) => client.once("connect", () => resolve())), Math.min(this.endpoint.timeoutMs, 5000), `MQTT connection to ${this.endpoint.url}`);
        return client;
    }
    async close() {
        const client = this.client;
        this.client = undefined;
        if (client)
            await client.endAsync(true).catch(() => undefined);
    }
}
//# sourceMappingURL=mqttSink.js.map