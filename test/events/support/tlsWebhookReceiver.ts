import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";

/** One POST the receiver answered 200, with the client certificate's common name if one was shown. */
export interface TlsReceived {
  readonly body: string;
  readonly clientName: string | undefined;
}

/**
 * An HTTPS webhook consumer with a certificate of the test's choosing (a private CA's, unknown to
 * the process), optionally requiring a client certificate from `clientCa`.
 */
export interface TlsWebhookReceiver {
  /** `https://localhost:<port>/hook` */
  readonly url: string;
  readonly port: number;
  readonly received: TlsReceived[];
  close(): Promise<void>;
}

export async function startTlsWebhookReceiver(options: {
  readonly key: string;
  readonly cert: string;
  readonly clientCa?: string;
}): Promise<TlsWebhookReceiver> {
  const received: TlsReceived[] = [];
  const server: Server = createServer(
    {
      key: options.key,
      cert: options.cert,
      ...(options.clientCa ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
    },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const peer = (request.socket as TLSSocket).getPeerCertificate();
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          clientName: peer?.subject?.CN ? String(peer.subject.CN) : undefined,
        });
        response.writeHead(200).end();
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/hook`,
    port,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
