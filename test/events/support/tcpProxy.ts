import type { AddressInfo } from "node:net";
import { connect, createServer, type Server } from "node:net";
import type { Duplex } from "node:stream";
import { pipeRelay } from "../../support/pipeRelay.js";

/**
 * A TCP proxy in front of a real broker, to take it "down" (close the listener and every
 * connection) and bring it back on the same port, or to cut the live connections while still
 * listening, without touching the shared broker.
 */
export interface TcpProxy {
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Drops every live connection; new ones are still accepted. */
  cut(): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Duplex>();
  let server: Server | undefined;
  let port = 0;
  let accepted = 0;
  const listen = async () => {
    const s = createServer((client) => {
      accepted++;
      pipeRelay(client, connect(target), sockets);
    });
    await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", resolve));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const cut = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const down = async () => {
    const s = server;
    server = undefined;
    cut();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    get port() {
      return port;
    },
    get accepted() {
      return accepted;
    },
    cut,
    down,
    up: listen,
    close: down,
  };
}
