import { createHmac } from "node:crypto";
import { encodeBinary, encodeEventGrid, encodeStructured } from "./cloudEventEncoding.js";
import { delivered, failed } from "./sink.js";
/** Twins delivered concurrently in one batch; each twin's own events go one after another. */
const lanes = 16;
const encoders = {
    "cloudevents-structured": encodeStructured,
    "cloudevents-binary": encodeBinary,
    eventgrid: encodeEventGrid,
};
/**
 * HTTP(S) POST per event. Events of different twins go out concurrently; a twin's events go in
 * order and its lane stops at the first failure, so a later event never overtakes an earlier one
 * of the same twin.
 */
export class WebhookSink {
    endpoint;
    encode;
    controller = new AbortController();
    constructor(endpoint) {
        this.endpoint = endpoint;
        this.encode = encoders[endpoint.format];
    }
    async send(events) {
        const outcomes = new Array(events.length);
        const byTwin = new Map();
        events.forEach((e, index) => {
            const key = e.twinId ?? "";
            const lane = byTwin.get(key);
            if (lane)
                lane.push(index);
            else
                byTwin.set(key, [index]);
        });
        const queue = [...byTwin.values()];
        const runLane = async () => {
            for (let lane = queue.shift(); lane; lane = queue.shift()) {
                let blocked;
                for (const index of lane) {
                    if (blocked !== undefined) {
                        outcomes[index] = { ok: false, error: `not attempted: an earlier event of this twin failed (${blocked})` };
                        continue;
                    }
                    const outcome = await this.post(events[index]);
                    outcomes[index] = outcome;
                    if (!outcome.ok)
                        blocked = outcome.error;
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(lanes, queue.length) }, runLane));
        return outcomes;
    }
    async post(e) {
        const message = this.encode(e);
        const headers = {
            ...this.endpoint.headers,
            ...message.headers,
            ...this.endpoint.secretHeaders,
            "content-type": message.contentType,
        };
        if (this.endpoint.hmacSecret !== undefined) {
            const signature = createHmac("sha256", this.endpoint.hmacSecret).update(message.body).digest("hex");
            headers[this.endpoint.signatureHeader] = `sha256=${signature}`;
        }
        try {
            const response = await fetch(this.endpoint.url, {
                method: "POST",
                headers,
                body: message.body,
                redirect: "manual",
                signal: AbortSignal.any([AbortSignal.timeout(this.endpoint.timeoutMs), this.controller.signal]),
            });
            // Drain the body so the connection goes back to the keep-alive pool.
            await response.arrayBuffer().catch(() => undefined);
            if (response.status >= 200 && response.status < 300)
                return delivered;
            return { ok: false, error: `HTTP ${response.status} from ${this.endpoint.url}` };
        }
        catch (error) {
            if (error.name === "TimeoutError") {
                return { ok: false, error: `no response from ${this.endpoint.url} within ${this.endpoint.timeoutMs} ms` };
            }
            return failed(error);
        }
    }
    async close() {
        this.controller.abort();
    }
}
//# sourceMappingURL=webhookSink.js.map