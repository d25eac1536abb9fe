import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { loadOrCreateTls } from "../../../src/server/tls.js";

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
  readonly at: number;
}

export type ReceiverMode = "ok" | "fail" | "hang";

/** A real HTTP(S) server standing in for a webhook consumer; its behaviour can change mid-test. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  mode: ReceiverMode;
  /** Added before answering (ok/fail modes). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { https?: boolean } = {}): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver = {
    url: "",
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
          receiver.received.push({
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
    const tls = loadOrCreateTls({ dir: process.env.DOPPEL_TEST_TLS_DIR! });
    server = createHttpsServer({ key: tls.key, cert: tls.cert }, handle) as unknown as ReturnType<
      typeof createHttpServer
    >;
  } else {
    server = createHttpServer(handle);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `${options.https ? "https" : "http"}://localhost:${port}/hook`;
  receiver.close = async () => {
    for (const response of hanging) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
