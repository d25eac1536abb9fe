import { toDeliveryEvent } from "../delivery/deliveryEvent.js";
import { Wakeup } from "../delivery/wakeup.js";
/**
 * Live subscribers tailing the outbox. Each reads from its own position, so a slow browser only
 * slows itself; commits wake every tail.
 */
export class LiveStreams {
    store;
    pollIntervalMs;
    batchSize;
    tails = new Set();
    constructor(store, pollIntervalMs, batchSize = 500) {
        this.store = store;
        this.pollIntervalMs = pollIntervalMs;
        this.batchSize = batchSize;
    }
    get count() {
        return this.tails.size;
    }
    notify() {
        for (const tail of this.tails)
            tail.wake();
    }
    /** Where a new subscription without Last-Event-ID starts: after everything committed so far. */
    latestSeq() {
        return this.store.latestSeq();
    }
    async run(subscription) {
        const wakeup = new Wakeup();
        this.tails.add(wakeup);
        const onAbort = () => wakeup.wake();
        subscription.signal.addEventListener("abort", onAbort);
        try {
            let cursor = subscription.afterSeq;
            while (!subscription.signal.aborted) {
                const rows = await this.store.readOutbox(cursor, this.batchSize);
                if (rows.length === 0) {
                    await wakeup.wait(this.pollIntervalMs);
                    continue;
                }
                for (const row of rows) {
                    if (subscription.signal.aborted)
                        return;
                    const event = toDeliveryEvent(row);
                    if (subscription.filter.matchesAll || subscription.filter.matches(event.event())) {
                        await subscription.send(event);
                    }
                    cursor = row.seq;
                }
            }
        }
        finally {
            subscription.signal.removeEventListener("abort", onAbort);
            this.tails.delete(wakeup);
        }
    }
}
//# sourceMappingURL=liveStreams.js.map