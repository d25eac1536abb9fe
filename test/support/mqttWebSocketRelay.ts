import { createServer as createHttpServer, type IncomingMessage, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, connect, type Socket } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { loopbackServices } from "./services.js";

/** One WebSocket the relay accepted, as the client opened it. */
export interface RelayedConnection {
  /** The subprotocols the client offered (`Sec-WebSocket-Protocol`), in its order. */
  readonly offered: readonly string[];
  /** The subprotocol the relay agreed to. */
  readonly protocol: string;
  readonly path: string;
  /** Data frames from the client: MQTT over WebSocket allows binary frames only. */
  binaryFrames: number;
  textFrames: number;
}

/**
 * MQTT over WebSocket in front of a TCP broker, for brokers built without websockets (Debian's
 * Mosquitto): each WebSocket that offers the `mqtt` subprotocol gets its own TCP connection to
 * the broker, and binary frames are piped both ways unchanged.
 */
export interface MqttWebSocketRelay {
  readonly port: number;
  /** `ws://127.0.0.1:<port>`, or `wss://localhost:<port>` when started with a certificate. */
  readonly url: string;
  /** Every WebSocket accepted so far, in order. */
  readonly connections: readonly RelayedConnection[];
  /** Upgrade requests refused because they did not offer `mqtt`. */
  readonly refused: number;
  /**
   * Drops every live WebSocket while the relay keeps listening: `close` sends a close frame,
   * `terminate` cuts the TCP connection under it without one.
   */
  drop(how: "close" | "terminate"): void;
  close(): Promise<void>;
}

export interface MqttWebSocketRelayOptions {
  readonly upstream?: { readonly host: string; readonly port: number };
  /** Serves `wss://` with this key pair. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /**
   * Splits what the broker sends into frames of at most this many bytes: MQTT packets need not
   * line up with WebSocket frames, and a client must not assume they do.
   */
  readonly maxFrameBytes?: number;
}

/** Bytes waiting in a WebSocket before the relay stops reading from the broker. */
const highWaterBytes = 1 << 20;

export async function startMqttWebSocketRelay(options: MqttWebSocketRelayOptions = {}): Promise<MqttWebSocketRelay> {
  const upstreamAddress = options.upstream ?? loopbackServices.mosquitto;
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert })
    : createHttpServer();
  const connections: RelayedConnection[] = [];
  const live = new Set<WebSocket>();
  const upstreams = new Set<Socket>();
  let refused = 0;
  const wss = new WebSocketServer({
    server,
    perMessageDeflate: false,
    // A broker's websockets listener serves only the `mqtt` protocol: refuse the upgrade otherwise.
    verifyClient: ({ req }: { req: IncomingMessage }) => {
      const ok = offeredProtocols(req).includes("mqtt");
      if (!ok) refused++;
      return ok;
    },
    handleProtocols: (protocols) => (protocols.has("mqtt") ? "mqtt" : false),
  });
  wss.on("connection", (ws, req) => {
    const record: RelayedConnection = {
      offered: offeredProtocols(req),
      protocol: ws.protocol,
      path: req.url ?? "",
      binaryFrames: 0,
      textFrames: 0,
    };
    connections.push(record);
    live.add(ws);
    const upstream = connect(upstreamAddress.port, upstreamAddress.host);
    upstreams.add(upstream);
    upstream.setNoDelay(true);
    ws.on("message", (data: Buffer, isBinary) => {
      if (!isBinary) {
        // MQTT-6.0.0-1: a text frame closes the connection.
        record.textFrames++;
        ws.close(1003, "MQTT needs binary frames");
        return;
      }
      record.binaryFrames++;
      if (!upstream.write(data)) ws.pause();
    });
    upstream.on("drain", () => ws.resume());
    upstream.on("data", (chunk: Buffer) => {
      const step = options.maxFrameBytes ?? chunk.length;
      for (let offset = 0; offset < chunk.length; offset += step) {
        const frame = chunk.subarray(offset, offset + step);
        if (offset + step < chunk.length || ws.bufferedAmount + frame.length <= highWaterBytes) {
          ws.send(frame, { binary: true });
        } else {
          upstream.pause();
          ws.send(frame, { binary: true }, () => upstream.resume());
        }
      }
    });
    const finish = () => {
      live.delete(ws);
      upstreams.delete(upstream);
      upstream.destroy();
      if (ws.readyState === ws.OPEN) ws.close();
    };
    ws.on("close", finish).on("error", finish);
    upstream.on("close", finish).on("error", finish);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: options.tls ? `wss://localhost:${port}` : `ws://127.0.0.1:${port}`,
    connections,
    get refused() {
      return refused;
    },
    drop(how) {
      for (const ws of live) {
        if (how === "close") ws.close(1001, "relay going away");
        else ws.terminate();
      }
    },
    async close() {
      for (const ws of live) ws.terminate();
      for (const socket of upstreams) socket.destroy();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers["sec-websocket-protocol"];
  if (!header) return [];
  return header
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
