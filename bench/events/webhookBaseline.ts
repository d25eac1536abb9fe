/**
 * The bare webhook client Doppel's drain is compared with: node:https on one keep-alive agent
 * (the sink's transport), the same payloads from memory with the same content type, `concurrency`
 * POSTs in flight (the sink's 16 lanes), each waiting for its 2xx before the next goes out, to the
 * same receiver. No outbox, no dispatcher, no encoding, no per-twin ordering to keep.
 */
import { Agent, request } from "node:https";

export interface WebhookBaselineOptions {
  readonly url: string;
  /** The receiver's certificate (PEM). */
  readonly ca: string;
  readonly payloads: readonly string[];
  /** POSTs in flight. */
  readonly concurrency: number;
}

const contentType = "application/cloudevents+json; charset=utf-8";

/** Answers events/s, counted when the last 2xx has arrived. */
export async function webhookBaseline(options: WebhookBaselineOptions): Promise<number> {
  const agent = new Agent({ keepAlive: true, ca: options.ca });
  const url = new URL(options.url);
  const { payloads } = options;
  let next = 0;
  const post = (payload: string) =>
    new Promise<void>((resolve, reject) => {
      const headers = { "content-type": contentType, "content-length": String(Buffer.byteLength(payload)) };
      request(url, { method: "POST", headers, agent }, (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`HTTP ${status} from ${options.url}`));
      })
        .on("error", reject)
        .end(payload);
    });
  const worker = async () => {
    while (next < payloads.length) await post(payloads[next++]!);
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, payloads.length) }, worker));
    return payloads.length / ((performance.now() - started) / 1000);
  } finally {
    agent.destroy();
  }
}
