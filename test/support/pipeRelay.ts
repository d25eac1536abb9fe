import type { Duplex } from "node:stream";

/**
 * Pipes a relay's accepted client and its upstream connection both ways, tracked in `sockets`;
 * when either side closes or fails, both are destroyed and forgotten.
 */
export function pipeRelay(client: Duplex, upstream: Duplex, sockets: Set<Duplex>): void {
  sockets.add(client).add(upstream);
  client.pipe(upstream).pipe(client);
  const drop = () => {
    client.destroy();
    upstream.destroy();
    sockets.delete(client);
    sockets.delete(upstream);
  };
  client.on("error", drop).on("close", drop);
  upstream.on("error", drop).on("close", drop);
}
