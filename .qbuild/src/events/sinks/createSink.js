import { AmqpSink } from "./amqpSink.js";
import { MqttSink } from "./mqttSink.js";
import { NatsSink } from "./natsSink.js";
import { WebhookSink } from "./webhookSink.js";
export function createSink(endpoint) {
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
//# sourceMappingURL=createSink.js.map