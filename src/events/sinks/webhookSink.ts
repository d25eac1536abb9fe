import { createHmac } from "node:crypto";
import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { DeliveryEvent } from "../delivery/deliveryEvent.js";
import type { WebhookEndpoint } from "../endpoints/endpointDefinition.js";
import { type EncodedMessage, encodeBinary, encodeEventGrid, encodeStructured } from "./cloudEventEncoding.js";
import { explainTlsError } from "./explainTlsError.js";
import { type DeliveryOutcome, delivered, describeError, type Sink } from "./sink.js";
import { tlsConnectOptions } from "./tlsConnectOptions.js";

/** Twins delivered concurrently in one batch; each twin's own events go one after another. */
const lanes = 16;

const encoders: Record<WebhookEndpoint["format"], (e: DeliveryEvent) => EncodedMessage> = {
  "cloudevents-structured": encodeStructured,
  "cloudevents-binary": encodeBinary,
  eventgrid: encodeEventGrid,
};

/**
 * HTTP(S) POST per event. Events of different twins go out concurrently; a twin's events go in
 * order and its lane stops at the first failure, so a later event never overtakes an earlier one
 * of the same twin. Node's http/https rather than fetch: the endpoint's TLS settings (a private
 * CA, a client certificate) go on a keep-alive agent of its own, which fetch cannot take without
 * undici as a dependency.
 */
export class WebhookSink implements Sink {
  private readonly encode: (e: DeliveryEvent) => EncodedMessage;
  /** Requests awaiting their answer, destroyed by `close()`. */
  private readonly inFlight = new Set<ClientRequest>();
  private closed = false;
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly postRequest: typeof httpRequest;

  constructor(private readonly endpoint: WebhookEndpoint) {
    this.encode = encoders[endpoint.format];
    this.url = new URL(endpoint.url);
    this.agent =
      this.url.protocol === "https:"
        ? new HttpsAgent({ keepAlive: true, ...tlsConnectOptions(endpoint.tls) })
        : new HttpAgent({ keepAlive: true });
    this.postRequest = this.url.protocol === "https:" ? httpsRequest : httpRequest;
  }

  async send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = new Array(events.length);
    const byTwin = new Map<string, number[]>();
    events.forEach((e, index) => {
      const key = e.twinId ?? "";
      const lane = byTwin.get(key);
      if (lane) lane.push(index);
      else byTwin.set(key, [index]);
    });
    const queue = [...byTwin.values()];
    const runLane = async (): Promise<void> => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        let blocked: string | undefined;
        for (const index of lane) {
          if (blocked !== undefined) {
            outcomes[index] = { ok: false, error: `not attempted: an earlier event of this twin failed (${blocked})` };
            continue;
          }
          const outcome = await this.post(events[index]!);
          outcomes[index] = outcome;
          if (!outcome.ok) blocked = outcome.error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(lanes, queue.length) }, runLane));
    return outcomes;
  }

  private post(e: DeliveryEvent): Promise<DeliveryOutcome> {
    const message = this.encode(e);
    const headers: Record<string, string> = {
      ...this.endpoint.headers,
      ...message.headers,
      ...this.endpoint.secretHeaders,
      "content-type": message.contentType,
    };
    if (this.endpoint.hmacSecret !== undefined) {
      const signature = createHmac("sha256", this.endpoint.hmacSecret).update(message.body).digest("hex");
      headers[this.endpoint.signatureHeader] = `sha256=${signature}`;
    }
    const body = Buffer.from(message.body, "utf8");
    headers["content-length"] = String(body.length);
    return this.request(headers, body);
  }

  /**
   * One POST; its outcome by status, with transport and TLS failures said plainly. The outcome
   * is decided by the status line; the deadline also covers draining the body, so a receiver that
   * stalls after its headers cannot hold a keep-alive socket. The deadline is one plain timer: an
   * AbortSignal per request (a timeout signal, a combined one and the request's listener on it)
   * cost a fifth of the sink's CPU, and each timeout signal lived on for the whole timeout.
   */
  private request(headers: Record<string, string>, body: Buffer): Promise<DeliveryOutcome> {
    return new Promise((resolve) => {
      if (this.closed) {
        resolve({ ok: false, error: `POST ${this.endpoint.url} not sent: the sink is closed` });
        return;
      }
      let request: ClientRequest;
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(timer);
        this.inFlight.delete(request);
      };
      try {
        request = this.postRequest(this.url, { method: "POST", headers, agent: this.agent }, (response) => {
          const status = response.statusCode ?? 0;
          response.on("error", () => undefined);
          response.on("end", finish);
          response.on("close", finish);
          // Drain the body so the connection goes back to the keep-alive pool; the status decides.
          response.resume();
          resolve(
            status >= 200 && status < 300
              ? delivered
              : { ok: false, error: `HTTP ${status} from ${this.endpoint.url}` },
          );
        });
      } catch (error) {
        // A header value Node will not send throws at once (definitions are checked, so this is a backstop).
        resolve(this.failure(error));
        return;
      }
      this.inFlight.add(request);
      timer = setTimeout(() => {
        timedOut = true;
        request.destroy();
      }, this.endpoint.timeoutMs);
      request.on("error", (error) => {
        finish();
        // Ignored once the status line has settled the outcome (a body cut short by the deadline).
        resolve(
          timedOut
            ? { ok: false, error: `no response from ${this.endpoint.url} within ${this.endpoint.timeoutMs} ms` }
            : // TLS failures (an untrusted certificate, a client certificate refused) arrive here.
              this.failure(error),
        );
      });
      request.end(body);
    });
  }

  private failure(error: unknown): DeliveryOutcome {
    return { ok: false, error: `POST ${this.endpoint.url} failed: ${describeError(explainTlsError(error))}` };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const request of this.inFlight) request.destroy();
    this.agent.destroy();
  }
}
