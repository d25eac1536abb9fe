import type { Server, Socket } from "node:net";
import { clientAddressKey } from "./clientAddress.js";
import type { TrustedProxies } from "./trustedProxies.js";

/**
 * Caps the connections one client address holds open at once, over every listener it is attached
 * to. A connection over the cap is closed as soon as it is accepted, before TLS or HTTP, so
 * holding many idle or slow connections (slow-loris) cannot exhaust the process's sockets.
 * Trusted proxies are not capped: a connection carries no headers yet, so the clients behind a
 * proxy cannot be told apart here, and the proxy legitimately holds many connections.
 */
export class ConnectionLimiter {
  private readonly open = new Map<string, number>();

  constructor(
    private readonly maxPerAddress: number,
    private readonly proxies: TrustedProxies | null = null,
  ) {}

  attach(server: Server): void {
    if (this.maxPerAddress <= 0) return;
    server.on("connection", (socket: Socket) => this.admit(socket));
  }

  /** Open connections from `address` (for tests and metrics). */
  count(address: string): number {
    return this.open.get(clientAddressKey(address)) ?? 0;
  }

  private admit(socket: Socket): void {
    if (this.proxies?.trustsPeer(socket.remoteAddress)) return;
    const key = clientAddressKey(socket.remoteAddress);
    const count = this.open.get(key) ?? 0;
    if (count >= this.maxPerAddress) {
      socket.destroy();
      return;
    }
    this.open.set(key, count + 1);
    socket.once("close", () => {
      const left = (this.open.get(key) ?? 1) - 1;
      if (left <= 0) this.open.delete(key);
      else this.open.set(key, left);
    });
  }
}
