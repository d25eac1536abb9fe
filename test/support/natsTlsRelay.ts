import { X509Certificate } from "node:crypto";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { createSecureContext, TLSSocket } from "node:tls";

/**
 * A NATS server with TLS, made of the plain local one: NATS negotiates TLS inside its protocol
 * (the server's INFO says `tls_required`, then the client starts the handshake), so a TLS
 * terminator cannot simply sit in front of it. The relay reads the real server's INFO, passes it
 * on with `tls_required: true`, takes the client's handshake itself, and from then on pipes the
 * decrypted bytes to the server (which sees a plain client).
 */
export interface NatsTlsRelay {
  /** `nats://localhost:<port>` */
  readonly url: string;
  /** Common names of the verified client certificates, in order. */
  readonly clientNames: readonly string[];
  close(): Promise<void>;
}

export interface NatsTlsRelayOptions {
  readonly upstream: { readonly host: string; readonly port: number };
  readonly key: string;
  readonly cert: string;
  /** Requires a client certificate signed directly by this CA. */
  readonly clientCa?: string;
}

export async function startNatsTlsRelay(options: NatsTlsRelayOptions): Promise<NatsTlsRelay> {
  const secureContext = createSecureContext({
    key: options.key,
    cert: options.cert,
    ...(options.clientCa ? { ca: options.clientCa } : {}),
  });
  const clientCa = options.clientCa ? new X509Certificate(options.clientCa) : undefined;
  const clientNames: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(options.upstream.port, options.upstream.host);
    sockets.add(client).add(upstream);
    const finish = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", finish).on("error", finish);
    upstream.on("close", finish).on("error", finish);
    let head = Buffer.alloc(0);
    const readInfo = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n");
      if (end < 0) return;
      upstream.off("data", readInfo);
      upstream.pause();
      const info = JSON.parse(head.subarray("INFO ".length, end).toString("utf8")) as Record<string, unknown>;
      client.write(`INFO ${JSON.stringify({ ...info, tls_required: true })}\r\n`);
      const secure = new TLSSocket(client, {
        isServer: true,
        secureContext,
        ...(clientCa ? { requestCert: true, rejectUnauthorized: true } : {}),
      });
      secure.on("error", finish).on("close", finish);
      secure.on("secure", () => {
        // A bare TLSSocket leaves the verdict on the client certificate to its owner.
        if (clientCa) {
          const peer = secure.getPeerCertificate();
          if (!peer?.raw || !new X509Certificate(peer.raw).verify(clientCa.publicKey)) {
            finish();
            return;
          }
          clientNames.push(String(peer.subject.CN));
        }
        secure.pipe(upstream).pipe(secure);
        upstream.resume();
      });
    };
    upstream.on("data", readInfo);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `nats://localhost:${(server.address() as AddressInfo).port}`,
    clientNames,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
