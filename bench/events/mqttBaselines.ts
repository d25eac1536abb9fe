/**
 * The bare MQTT clients Doppel's drain is compared with: the same payloads, the same topics, QoS 1,
 * every PUBACK awaited, to the same broker, with no outbox and no dispatcher. Two of them, since
 * "a bare client" should be the best one available:
 * - mqtt.js (the usual Node client) with a deep sliding window of in-flight publishes;
 * - a raw socket writing PUBLISH packets from our encoder (`mqttPackets.ts`) in large writes,
 *   reading PUBACKs, with the same sliding window: the floor of what a Node publisher costs.
 */
import { connect } from "node:net";
import mqtt from "mqtt";
import {
  decodeConnack,
  encodeConnect,
  type Packet,
  PacketReader,
  PacketType,
  publishSize,
  writePublish,
} from "../../src/events/sinks/mqtt/mqttPackets.js";

export interface MqttBaselineOptions {
  readonly url: string;
  readonly clientId: string;
  readonly topic: (i: number) => string;
  readonly payloads: readonly string[];
  /** Publishes in flight (sent, PUBACK not yet received). */
  readonly window: number;
}

/** mqtt.js, callback API (cheaper than publishAsync), `window` publishes in flight. Answers events/s. */
export async function mqttJsBaseline(options: MqttBaselineOptions): Promise<number> {
  const client = await mqtt.connectAsync(options.url, { clientId: options.clientId });
  const { payloads } = options;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    let sent = 0;
    let acked = 0;
    const onAck = (error?: Error) => {
      if (error) {
        reject(error);
        return;
      }
      acked++;
      if (acked === payloads.length) resolve();
      else if (sent < payloads.length) publishOne();
    };
    const publishOne = () => {
      const i = sent++;
      client.publish(options.topic(i), payloads[i]!, { qos: 1 }, onAck);
    };
    while (sent < Math.min(options.window, payloads.length)) publishOne();
  });
  const elapsed = (performance.now() - started) / 1000;
  await client.endAsync();
  return payloads.length / elapsed;
}

/** A raw socket with our PUBLISH encoder: refills the window in one write per batch of acks. Answers events/s. */
export async function rawSocketBaseline(options: MqttBaselineOptions): Promise<number> {
  const url = new URL(options.url);
  const socket = connect({ host: url.hostname, port: Number(url.port || 1883) });
  socket.setNoDelay(true);
  const reader = new PacketReader();
  const { payloads } = options;
  let onPacket: (packet: Packet) => void = () => undefined;
  socket.on("data", (chunk: Buffer) => reader.push(chunk, (packet) => onPacket(packet)));
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    onPacket = (packet) => {
      if (packet.type === PacketType.connack && decodeConnack(packet).returnCode === 0) resolve();
      else reject(new Error(`unexpected packet ${packet.type} before CONNACK`));
    };
    socket.write(encodeConnect({ clientId: options.clientId, keepAliveSeconds: 60, cleanSession: true }));
  });
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    let sent = 0;
    let acked = 0;
    let refillScheduled = false;
    const refill = () => {
      refillScheduled = false;
      const end = Math.min(payloads.length, acked + options.window);
      if (end <= sent) return;
      const sizes: number[] = [];
      let bytes = 0;
      for (let i = sent; i < end; i++) {
        const t = Buffer.byteLength(options.topic(i));
        const p = Buffer.byteLength(payloads[i]!);
        sizes.push(t, p);
        bytes += publishSize(t, p, 1);
      }
      const buffer = Buffer.allocUnsafe(bytes);
      let offset = 0;
      for (let i = sent, k = 0; i < end; i++, k += 2) {
        const packet = {
          topic: options.topic(i),
          payload: payloads[i]!,
          qos: 1 as const,
          packetId: (i % 65_535) + 1,
          dup: false,
        };
        offset = writePublish(buffer, offset, packet, sizes[k]!, sizes[k + 1]!);
      }
      sent = end;
      socket.write(buffer);
    };
    onPacket = (packet) => {
      if (packet.type !== PacketType.puback) return;
      acked++;
      if (acked === payloads.length) resolve();
      else if (!refillScheduled) {
        // Once per chunk of acks, as a real publisher would batch.
        refillScheduled = true;
        queueMicrotask(refill);
      }
    };
    refill();
  });
  const elapsed = (performance.now() - started) / 1000;
  socket.end();
  return payloads.length / elapsed;
}
