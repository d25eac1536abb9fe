import { connect as connectTcp, isIP } from "node:net";
import type { Duplex } from "node:stream";
import { connect as connectTls, type ConnectionOptions as TlsOptions } from "node:tls";
import { createWebSocketStream, WebSocket } from "ws";
import {
  connackReasons,
  decodeConnack,
  decodePuback,
  disconnect,
  encodeConnect,
  type Packet,
  PacketReader,
  PacketType,
  pingreq,
  publishSize,
  writePublish,
} from "./mqttPackets.js";

export interface MqttConnectionOptions {
  /** `mqtt://`, `mqtts://` (TLS), `ws://` or `wss://` (MQTT over WebSocket). */
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  /** The keep-alive announced in CONNECT (seconds): the broker drops us after 1.5× that without a packet. */
  readonly keepAliveSeconds?: number;
  /** Up to CONNACK. */
  readonly connectTimeoutMs?: number;
  /** QoS 1 messages sent and not yet acknowledged (the window). */
  readonly maxInflight?: number;
  /** Extra TLS options for mqtts/wss (a private CA, client certificates). */
  readonly tls?: TlsOptions;
}

/** Told when each message it published settles: `error` undefined = acknowledged (QoS 1) or written (QoS 0). */
export interface PublishOwner {
  settle(index: number, error: Error | undefined): void;
}

/** A message queued or in flight; opaque to callers except as a handle for `abandon`. */
export interface MqttMessage {
  readonly topic: string;
  readonly payload: string | Buffer;
  readonly qos: 0 | 1;
  packetId: number;
  dup: boolean;
  owner: PublishOwner | undefined;
  readonly index: number;
}

type State = "idle" | "connecting" | "connected" | "closed";

/** How long after the last PUBACK a PINGRESP alone still triggers a nudge. */
const nudgeWithoutAcksMs = 100;

/** Bytes per socket write: large enough to amortise the syscall, small enough not to stall acks. */
const maxWriteBytes = 1 << 20;

/**
 * One MQTT 3.1.1 publisher connection (clean session). Messages queue, go out in order in few
 * large writes while fewer than `maxInflight` await their PUBACK, and settle on the PUBACK.
 * Connects on demand. When the connection drops, the unacknowledged messages are queued again
 * ahead of the rest and re-sent with the DUP flag after one immediate reconnect; if that fails,
 * everything waiting fails (the caller retries: it decides the backoff, not this class).
 */
export class MqttConnection {
  private state: State = "idle";
  private socket: Duplex | undefined;
  private readonly reader = new PacketReader();
  private queue: MqttMessage[] = [];
  private queueHead = 0;
  private readonly inflight = new Map<number, MqttMessage>();
  private nextPacketId = 1;
  private flushScheduled = false;
  private waitingForDrain = false;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private wroteSinceTick = false;
  private awaitingPong = false;
  /** PUBACKs in the chunk being read, and when a chunk last had any (see `nudge`). */
  private acksInChunk = 0;
  private lastAckAt = 0;
  /** The reconnect after a drop: if it fails too, what waits fails. */
  private reconnecting = false;
  private readonly keepAliveSeconds: number;
  private readonly connectTimeoutMs: number;
  private readonly maxInflight: number;

  constructor(private readonly options: MqttConnectionOptions) {
    this.keepAliveSeconds = options.keepAliveSeconds ?? 60;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.maxInflight = Math.min(options.maxInflight ?? 2000, 32_768);
  }

  get connected(): boolean {
    return this.state === "connected";
  }

  /** Messages queued or awaiting their PUBACK. */
  get backlog(): number {
    return this.queue.length - this.queueHead + this.inflight.size;
  }

  /** Queues a message; `owner.settle(index, …)` is called once, when it is acknowledged or fails. */
  publish(topic: string, payload: string | Buffer, qos: 0 | 1, owner: PublishOwner, index: number): MqttMessage {
    const message: MqttMessage = { topic, payload, qos, packetId: 0, dup: false, owner, index };
    if (this.state === "closed") {
      owner.settle(index, new Error("MQTT connection closed"));
      return message;
    }
    this.queue.push(message);
    if (this.state === "idle") this.open();
    else this.scheduleFlush();
    return message;
  }

  /**
   * The caller gave up on these (its timeout): they are not sent if still queued, not re-sent
   * after a reconnect, and never settled.
   */
  abandon(messages: readonly MqttMessage[]): void {
    for (const m of messages) m.owner = undefined;
  }

  /** Sends DISCONNECT, closes the socket and fails whatever still waits. */
  async close(): Promise<void> {
    if (this.state === "closed") return;
    const socket = this.socket;
    const wasConnected = this.state === "connected";
    this.state = "closed";
    this.stopTimers();
    this.failAll(new Error("MQTT connection closed"));
    if (!socket) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, 1000);
      socket.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      if (wasConnected) socket.end(disconnect);
      else socket.destroy();
    });
  }

  private open(): void {
    this.state = "connecting";
    this.reader.reset();
    let socket: Duplex;
    try {
      socket = this.createTransport();
    } catch (error) {
      this.connectFailed(asError(error));
      return;
    }
    this.socket = socket;
    let failure: Error | undefined;
    socket.on("data", (chunk: Buffer) => {
      if (this.socket !== socket) return;
      this.acksInChunk = 0;
      try {
        this.reader.push(chunk, (packet) => this.onPacket(packet));
      } catch (error) {
        failure = asError(error);
        socket.destroy();
        return;
      }
      const wrote = this.queueHead < this.queue.length && this.flush();
      if (!wrote && this.inflight.size > 0 && this.state === "connected") this.nudge(socket);
    });
    socket.on("drain", () => {
      if (this.socket !== socket) return;
      this.waitingForDrain = false;
      this.flush();
    });
    socket.on("error", (error: Error) => {
      failure ??= error;
    });
    socket.on("close", () => {
      if (this.socket !== socket) return;
      this.onClosed(failure ?? new Error(`MQTT connection to ${this.options.url} closed`));
    });
    this.connectTimer = setTimeout(() => {
      failure = new Error(`MQTT connection to ${this.options.url} timed out after ${this.connectTimeoutMs} ms`);
      socket.destroy();
    }, this.connectTimeoutMs);
    // Written before the transport is up: sockets queue writes until connected.
    socket.write(
      encodeConnect({
        clientId: this.options.clientId,
        username: this.options.username,
        password: this.options.password,
        keepAliveSeconds: this.keepAliveSeconds,
        cleanSession: true,
      }),
    );
  }

  private createTransport(): Duplex {
    const url = new URL(this.options.url);
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    switch (url.protocol) {
      case "mqtt:":
      case "tcp:": {
        const socket = connectTcp({ host, port: Number(url.port || 1883) });
        socket.setNoDelay(true);
        return socket;
      }
      case "mqtts:":
      case "ssl:":
      case "tls:": {
        // SNI carries DNS names only (Node warns about an IP there); `tls.servername` may name one.
        const servername = isIP(host) === 0 ? { servername: host } : {};
        const socket = connectTls({ host, port: Number(url.port || 8883), ...servername, ...this.options.tls });
        socket.setNoDelay(true);
        return socket;
      }
      case "ws:":
      case "wss:": {
        const ws = new WebSocket(url, "mqtt", { perMessageDeflate: false, ...this.options.tls });
        const stream = createWebSocketStream(ws);
        // When the WebSocket closes, the stream only ends its readable side and emits `close` once
        // we end ours, which an idle publisher never does: in-flight messages would wait for the
        // keep-alive. The broker's side ending is the end of the connection, as with TCP.
        stream.on("end", () => stream.destroy());
        return stream;
      }
      default:
        throw new Error(`unsupported MQTT URL scheme '${url.protocol}'`);
    }
  }

  private onPacket(packet: Packet): void {
    switch (packet.type) {
      case PacketType.puback: {
        const message = this.inflight.get(decodePuback(packet));
        if (!message) return;
        this.acksInChunk++;
        this.inflight.delete(message.packetId);
        settle(message, undefined);
        return;
      }
      case PacketType.connack:
        this.onConnack(packet);
        return;
      case PacketType.pingresp:
        this.awaitingPong = false;
        return;
      default:
        // A publisher subscribes to nothing; anything else is a protocol error on the broker's side.
        throw new Error(`unexpected MQTT packet type ${packet.type}`);
    }
  }

  private onConnack(packet: Packet): void {
    const { returnCode } = decodeConnack(packet);
    clearTimeout(this.connectTimer);
    if (returnCode !== 0) {
      const reason = connackReasons[returnCode] ?? `return code ${returnCode}`;
      throw new Error(`MQTT broker refused the connection: ${reason}`);
    }
    this.state = "connected";
    this.reconnecting = false;
    this.startKeepAlive();
    this.flush();
  }

  private onClosed(error: Error): void {
    this.socket = undefined;
    this.waitingForDrain = false;
    this.stopTimers();
    if (this.state === "closed") return;
    const wasConnected = this.state === "connected";
    this.state = "idle";
    this.requeueInflight();
    if (!wasConnected || this.reconnecting) {
      this.connectFailed(error);
      return;
    }
    // Dropped while connected: one immediate reconnect re-sends what was unacknowledged.
    if (this.queueHead < this.queue.length) {
      this.reconnecting = true;
      this.open();
    }
  }

  private connectFailed(error: Error): void {
    this.state = "idle";
    this.reconnecting = false;
    this.failAll(error);
  }

  /** Unacknowledged messages go back ahead of the queue, in the order they were sent, marked DUP. */
  private requeueInflight(): void {
    const resend: MqttMessage[] = [];
    for (const message of this.inflight.values()) {
      if (!message.owner) continue;
      message.dup = true;
      resend.push(message);
    }
    this.inflight.clear();
    const waiting = this.queue.slice(this.queueHead);
    this.queue = resend.length > 0 ? resend.concat(waiting) : waiting;
    this.queueHead = 0;
  }

  private failAll(error: Error): void {
    const waiting = [...this.inflight.values(), ...this.queue.slice(this.queueHead)];
    this.inflight.clear();
    this.queue = [];
    this.queueHead = 0;
    for (const message of waiting) settle(message, error);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A microtask: every publish of the caller's synchronous loop joins the same write.
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /**
   * Makes the kernel acknowledge the broker's segments now. Brokers commonly leave Nagle on
   * (Mosquitto's `set_tcp_nodelay` is off by default): after its first PUBACK segment the broker
   * holds the next ones until that segment is ACKed, and with nothing of ours to send, Linux delays
   * that ACK up to 40 ms — a 40 ms stall per batch. Two bytes of PINGREQ carry the ACK at once.
   */
  private nudge(socket: Duplex): void {
    // A chunk of only PINGRESP may still sit in front of held PUBACKs, so it nudges too, but only
    // shortly after the last PUBACK: a broker that stops acknowledging gets no endless ping-pong.
    const now = performance.now();
    if (this.acksInChunk > 0) this.lastAckAt = now;
    else if (now - this.lastAckAt > nudgeWithoutAcksMs) return;
    socket.write(pingreq);
  }

  /** Writes queued messages while the window and the socket allow, a large buffer per write; true if it wrote. */
  private flush(): boolean {
    let wrote = false;
    while (this.state === "connected" && !this.waitingForDrain && this.queueHead < this.queue.length) {
      const socket = this.socket!;
      const batch: MqttMessage[] = [];
      const sizes: number[] = [];
      let bytes = 0;
      let qos0 = false;
      while (this.queueHead < this.queue.length && bytes < maxWriteBytes) {
        const message = this.queue[this.queueHead]!;
        if (!message.owner) {
          this.queueHead++;
          continue;
        }
        if (message.qos > 0 && this.inflight.size >= this.maxInflight) break;
        this.queueHead++;
        const topicBytes = Buffer.byteLength(message.topic, "utf8");
        const payloadBytes =
          typeof message.payload === "string" ? Buffer.byteLength(message.payload, "utf8") : message.payload.length;
        if (message.qos > 0) {
          message.packetId = this.allocatePacketId();
          this.inflight.set(message.packetId, message);
        } else {
          qos0 = true;
        }
        batch.push(message);
        sizes.push(topicBytes, payloadBytes);
        bytes += publishSize(topicBytes, payloadBytes, message.qos);
      }
      this.compactQueue();
      if (batch.length === 0) return wrote;
      const buffer = Buffer.allocUnsafe(bytes);
      let offset = 0;
      for (let i = 0; i < batch.length; i++) {
        offset = writePublish(buffer, offset, batch[i]!, sizes[2 * i]!, sizes[2 * i + 1]!);
      }
      this.wroteSinceTick = true;
      // QoS 0 is "delivered" once the bytes are handed to the kernel.
      const written = qos0 ? (error?: Error | null) => settleQos0(batch, error ?? undefined) : undefined;
      if (!socket.write(buffer, written)) this.waitingForDrain = true;
      wrote = true;
    }
    return wrote;
  }

  private allocatePacketId(): number {
    // The window is far below 65,535, so a free id is always near.
    for (;;) {
      const id = this.nextPacketId;
      this.nextPacketId = id === 65_535 ? 1 : id + 1;
      if (!this.inflight.has(id)) return id;
    }
  }

  private compactQueue(): void {
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    } else if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private startKeepAlive(): void {
    if (this.keepAliveSeconds === 0) return;
    this.wroteSinceTick = false;
    this.awaitingPong = false;
    this.keepAliveTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket || this.state !== "connected") return;
      if (this.awaitingPong) {
        // No PINGRESP within a whole interval: the connection is dead even if TCP has not noticed.
        socket.destroy(new Error("MQTT keep-alive: no PINGRESP from the broker"));
        return;
      }
      if (this.wroteSinceTick) {
        this.wroteSinceTick = false;
        return;
      }
      this.awaitingPong = true;
      socket.write(pingreq);
      // Half the interval: a quiet spell never exceeds the keep-alive, whatever the phase.
    }, this.keepAliveSeconds * 500);
    this.keepAliveTimer.unref();
  }

  private stopTimers(): void {
    clearInterval(this.keepAliveTimer);
    clearTimeout(this.connectTimer);
    this.keepAliveTimer = undefined;
  }
}

function settle(message: MqttMessage, error: Error | undefined): void {
  const owner = message.owner;
  if (!owner) return;
  message.owner = undefined;
  owner.settle(message.index, error);
}

function settleQos0(batch: readonly MqttMessage[], error: Error | undefined): void {
  for (const message of batch) if (message.qos === 0) settle(message, error);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
