import { get } from "node:https";
import { fileURLToPath } from "node:url";
import type { BenchTls } from "../support/benchTls.js";
import { startChild, stop } from "../support/childServer.js";
import { cpuMs } from "../support/processCpu.js";

/** The webhook receiver child (`webhookReceiver.ts`), seen from the bench process. */
export interface WebhookReceiver {
  /** Where to POST: `https://localhost:<port>/events`. */
  readonly url: string;
  /** The receiver's certificate (PEM), for the clients to trust. */
  readonly cert: string;
  /** POSTs the receiver has answered so far. */
  received(): Promise<number>;
  /** The receiver's CPU time so far (user + system, ms). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(tls: BenchTls): Promise<WebhookReceiver> {
  const script = fileURLToPath(new URL("./webhookReceiver.js", import.meta.url));
  const child = await startChild([script, tls.certPath, tls.keyPath], /listening (\d+)/);
  return {
    url: `${child.url}/events`,
    cert: tls.cert,
    received: () => getText(`${child.url}/count`, tls.cert).then(Number),
    cpuMs: () => cpuMs(child.process.pid ?? 0),
    stop: () => stop(child.process),
  };
}

function getText(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => resolve(text));
    }).on("error", reject);
  });
}
