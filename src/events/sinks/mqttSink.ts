import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { MqttEndpoint } from "../endpoints/endpointDefinition.js";
import { compileTemplate, sanitizeMqttLevel } from "./expandTemplate.js";
import { explainTlsError } from "./explainTlsError.js";
import { MqttConnection, type MqttMessage, type PublishOwner } from "./mqtt/mqttConnection.js";
import { type DeliveryOutcome, delivered, failed, type Sink } from "./sink.js";
import { tlsConnectOptions } from "./tlsConnectOptions.js";

/**
 * MQTT 3.1.1 publisher: the structured CloudEvent as payload, QoS 1 by default (delivered = the
 * broker's PUBACK). One connection per endpoint (`MqttConnection`), opened on demand; while the
 * broker is unreachable a send fails at once rather than queueing offline.
 */
export class MqttSink implements Sink {
  private readonly connection: MqttConnection;
  private readonly topic: (e: DeliveryEvent) => string;

  constructor(private readonly endpoint: MqttEndpoint) {
    this.topic = compileTemplate(endpoint.topic, sanitizeMqttLevel);
    this.connection = new MqttConnection({
      url: endpoint.url,
      clientId: endpoint.clientId ?? `doppel-${endpoint.name}-${process.pid}-${Date.now().toString(36)}`,
      username: endpoint.username,
      password: endpoint.password,
      connectTimeoutMs: Math.min(endpoint.timeoutMs, 10_000),
      tls: tlsConnectOptions(endpoint.tls),
    });
  }

  send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]> {
    if (events.length === 0) return Promise.resolve([]);
    return new Promise((resolve) => {
      const batch = new Batch(events.length, resolve);
      const messages: MqttMessage[] = new Array(events.length);
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        messages[i] = this.connection.publish(this.topic(event), event.raw, this.endpoint.qos, batch, i);
      }
      batch.timeoutAfter(this.endpoint.timeoutMs, () => this.connection.abandon(messages));
    });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** The outcomes of one `send`, resolved when every message settled or the timeout passed. */
class Batch implements PublishOwner {
  private readonly outcomes: (DeliveryOutcome | undefined)[];
  private remaining: number;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    size: number,
    private readonly resolve: (outcomes: DeliveryOutcome[]) => void,
  ) {
    this.outcomes = new Array(size);
    this.remaining = size;
  }

  settle(index: number, error: Error | undefined): void {
    if (this.done || this.outcomes[index]) return;
    this.outcomes[index] = error ? failed(explainTlsError(error)) : delivered;
    if (--this.remaining === 0) this.finish();
  }

  timeoutAfter(ms: number, onTimeout: () => void): void {
    if (this.done) return;
    this.timer = setTimeout(() => {
      onTimeout();
      const timedOut = failed(new Error(`MQTT publish timed out after ${ms} ms`));
      for (let i = 0; i < this.outcomes.length; i++) this.outcomes[i] ??= timedOut;
      this.finish();
    }, ms);
  }

  private finish(): void {
    this.done = true;
    clearTimeout(this.timer);
    this.resolve(this.outcomes as DeliveryOutcome[]);
  }
}
