import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { loadOrCreateTls } from "../../../src/server/tls.js";

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
  readonly at: number;
  /** The common name of the client certificate shown, over HTTPS. */
  readonly clientName: string | undefined;
}

/** A certificate of the test's choosing (a private CA's), optionally requiring client certificates from `clientCa`. */
export interface ReceiverTls {
  readonly key: string;
  readonly cert: string;
  readonly clientCa?: string;
}

export type ReceiverMode = "ok" | "fail" | "hang";

/** A real HTTP(S) server standing in for a webhook consumer; its behaviour can change mid-test. */
export interface WebhookReceiver {
  /** `http(s)://localhost:<port>/hook` */
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  mode: ReceiverMode;
  /** Added before answering (ok/fail modes). */
  delayMs: number;
  close(): Promise<void>;
}

/** `https: true` serves the test run's own certificate; a `ReceiverTls` serves that one. */
export async function startWebhookReceiver(options: { https?: boolean | ReceiverTls } = {}): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver = {
    url: "",
    port: 0,
    received: [] as ReceivedRequest[],
    mode: "ok" as ReceiverMode,
    delayMs: 0,
    close: async () => undefined,
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const mode = receiver.mode;
      if (mode === "hang") {
        hanging.add(response);
        return;
      }
      const answer = () => {
        if (mode === "ok") {
          const peer = options.https ? (request.socket as TLSSocket).getPeerCertificate() : undefined;
          receiver.received.push({
            clientName: peer?.subject?.CN ? String(peer.subject.CN) : undefined,
            method: request.method ?? "",
            path: request.url ?? "",
            headers: request.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            at: Date.now(),
          });
        }
        response.writeHead(mode === "ok" ? 200 : 503).end();
      };
      if (receiver.delayMs > 0) setTimeout(answer, receiver.delayMs);
      else answer();
    });
  };
  let server: ReturnType<typeof createHttpServer>;
  if (options.https) {
    const tls = options.https === true ? loadOrCreateTls({ dir: process.env.DOPPEL_TEST_TLS_DIR! }) : options.https;
    const clientCa = options.https === true ? undefined : options.https.clientCa;
    server = createHttpsServer(
      {
        key: tls.key,
        cert: tls.cert,
        ...(clientCa ? { ca: clientCa, requestCert: true, rejectUnauthorized: true } : {}),
      },
      handle,
    ) as unknown as ReturnType<typeof createHttpServer>;
  } else {
    server = createHttpServer(handle);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.port = port;
  receiver.url = `${options.https ? "https" : "http"}://localhost:${port}/hook`;
  receiver.close = async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
