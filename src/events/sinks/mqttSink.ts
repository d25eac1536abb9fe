import mqtt, { type MqttClient } from "mqtt";
import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { MqttEndpoint } from "../endpoints/endpointDefinition.js";
import { compileTemplate, sanitizeMqttLevel } from "./expandTemplate.js";
import { type DeliveryOutcome, delivered, failed, type Sink, withTimeout } from "./sink.js";

/**
 * MQTT 3.1.1 publisher: the structured CloudEvent as payload, QoS 1 by default (delivered = the
 * broker's PUBACK). One connection per endpoint, kept open and reconnected by the client.
 */
export class MqttSink implements Sink {
  private client: MqttClient | undefined;
  private readonly topic: (e: DeliveryEvent) => string;

  constructor(private readonly endpoint: MqttEndpoint) {
    this.topic = compileTemplate(endpoint.topic, sanitizeMqttLevel);
  }

  async send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]> {
    let client: MqttClient;
    try {
      client = await this.connected();
    } catch (error) {
      const outcome = failed(error);
      return events.map(() => outcome);
    }
    const publishes = events.map((e) =>
      client.publishAsync(this.topic(e), e.raw, { qos: this.endpoint.qos }).then(
        () => delivered,
        (error: unknown) => failed(error),
      ),
    );
    try {
      return await withTimeout(Promise.all(publishes), this.endpoint.timeoutMs, "MQTT publish");
    } catch (error) {
      const outcome = failed(error);
      return events.map(() => outcome);
    }
  }

  /** The open client; fails fast while the broker is unreachable rather than queueing offline. */
  private async connected(): Promise<MqttClient> {
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
    if (client.connected) return client;
    await withTimeout(
      new Promise<void>((resolve) => client.once("connect", () => resolve())),
      Math.min(this.endpoint.timeoutMs, 5000),
      `MQTT connection to ${this.endpoint.url}`,
    );
    return client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.endAsync(true).catch(() => undefined);
  }
}
