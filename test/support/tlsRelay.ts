import { type AddressInfo, connect } from "node:net";
import type { Duplex } from "node:stream";
import { createServer, type TLSSocket } from "node:tls";
import { pipeRelay } from "./pipeRelay.js";

/**
 * A TLS-terminating TCP relay in front of a plain broker (Mosquitto, RabbitMQ): each TLS
 * connection gets its own TCP connection to the upstream and bytes are piped both ways, so a
 * client's `mqtts://`/`amqps://` settings meet a real TLS server and a real broker.
 */
export interface TlsRelay {
  readonly port: number;
  /** Common names of the client certificates presented on accepted connections, in order. */
  readonly clientNames: readonly string[];
  close(): Promise<void>;
}

export interface TlsRelayOptions {
  readonly upstream: { readonly host: string; readonly port: number };
  readonly key: string;
  readonly cert: string;
  /** Requires a client certificate issued by this CA. */
  readonly clientCa?: string;
}

export async function startTlsRelay(options: TlsRelayOptions): Promise<TlsRelay> {
  const clientNames: string[] = [];
  const sockets = new Set<Duplex>();
  const server = createServer(
    {
      key: options.key,
      cert: options.cert,
      ...(options.clientCa ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
    },
    (client: TLSSocket) => {
      const peer = client.getPeerCertificate();
      if (peer?.subject?.CN) clientNames.push(String(peer.subject.CN));
      pipeRelay(client, connect(options.upstream.port, options.upstream.host), sockets);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    clientNames,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
