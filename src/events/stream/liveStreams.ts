import type { EventStore } from "../../store/ports/eventStore.js";
import { type DeliveryEvent, toDeliveryEvent } from "../delivery/deliveryEvent.js";
import { Wakeup } from "../delivery/wakeup.js";
import type { CompiledFilter } from "../filter/compileFilter.js";

export interface Subscription {
  readonly filter: CompiledFilter;
  /** Deliver events with seq > afterSeq (a resumed stream passes its Last-Event-ID). */
  readonly afterSeq: number;
  readonly signal: AbortSignal;
  /** Writes one event; resolves when the transport can take more (back-pressure). */
  readonly send: (event: DeliveryEvent) => Promise<void>;
  /** For a subscriber that may see only some events: which of a batch it may see. */
  readonly visible?: (events: readonly DeliveryEvent[]) => Promise<readonly boolean[]>;
}

/**
 * Live subscribers tailing the outbox. Each reads from its own position, so a slow browser only
 * slows itself; commits wake every tail.
 */
export class LiveStreams {
  private readonly tails = new Set<Wakeup>();

  constructor(
    private readonly store: EventStore,
    private readonly pollIntervalMs: number,
    private readonly batchSize = 500,
  ) {}

  get count(): number {
    return this.tails.size;
  }

  notify(): void {
    for (const tail of this.tails) tail.wake();
  }

  /** Where a new subscription without Last-Event-ID starts: after everything committed so far. */
  latestSeq(): Promise<number> {
    return this.store.latestSeq();
  }

  async run(subscription: Subscription): Promise<void> {
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
        const events = rows.map(toDeliveryEvent);
        const matching = subscription.filter.matchesAll
          ? events
          : events.filter((event) => subscription.filter.matches(event.event()));
        // Visibility is decided once per batch (one store query), on the graph as it is now.
        const shown = subscription.visible ? await subscription.visible(matching) : null;
        for (const [index, event] of matching.entries()) {
          if (subscription.signal.aborted) return;
          if (shown === null || shown[index] === true) await subscription.send(event);
        }
        cursor = rows[rows.length - 1]!.seq;
      }
    } finally {
      subscription.signal.removeEventListener("abort", onAbort);
      this.tails.delete(wakeup);
    }
  }
}
