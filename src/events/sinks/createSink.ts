import type { EndpointDefinition } from "../endpoints/endpointDefinition.js";
import { AmqpSink } from "./amqpSink.js";
import { MqttSink } from "./mqttSink.js";
import { NatsSink } from "./natsSink.js";
import type { Sink } from "./sink.js";
import { WebhookSink } from "./webhookSink.js";

export function createSink(endpoint: EndpointDefinition): Sink {
  switch (endpoint.kind) {
    case "webhook":
      return new WebhookSink(endpoint);
    case "mqtt":
      return new MqttSink(endpoint);
    case "nats":
      return new NatsSink(endpoint);
    case "amqp":
      return new AmqpSink(endpoint);
  }
}
