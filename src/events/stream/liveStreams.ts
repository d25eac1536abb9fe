import type { EventStore, OutboxRow } from "../../store/ports/eventStore.js";
import { type DeliveryEvent, toDeliveryEvent } from "../delivery/deliveryEvent.js";
import { Wakeup } from "../delivery/wakeup.js";
import type { CompiledFilter } from "../filter/compileFilter.js";
import { StreamIds } from "./streamIds.js";

/**
 * What a subscriber receives: an event with its opaque id, or a gap — the events after the
 * subscriber's position were removed from the outbox (retention), the stream continues after
 * `id` (which a client resumes from like an event's id).
 */
export type StreamMessage =
  | { readonly kind: "event"; readonly id: string; readonly event: DeliveryEvent }
  | { readonly kind: "gap"; readonly id: string };

export interface Subscription {
  readonly filter: CompiledFilter;
  /** Deliver events with seq > afterSeq (a resumed stream passes the position of its Last-Event-ID). */
  readonly afterSeq: number;
  /** The subscriber named its position (Last-Event-ID): tell it when events after it are gone. */
  readonly resumed: boolean;
  readonly signal: AbortSignal;
  /** Writes one message; resolves when the transport can take more (back-pressure). */
  readonly send: (message: StreamMessage) => Promise<void>;
  /** For a subscriber that may see only some events: which of a batch it may see. */
  readonly visible?: (events: readonly DeliveryEvent[]) => Promise<readonly boolean[]>;
}

/**
 * Live subscribers tailing the outbox. Each reads from its own position, so a slow browser only
 * slows itself; commits wake every tail. Positions travel as opaque ids (`StreamIds`).
 */
export class LiveStreams {
  readonly ids = new StreamIds();
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
      let checkGap = subscription.resumed;
      while (!subscription.signal.aborted) {
        const rows = await this.store.readOutbox(cursor, this.batchSize);
        if (checkGap || (rows.length > 0 && rows[0]!.seq > cursor + 1)) {
          const gap = await this.gapAfter(cursor, rows);
          if (gap !== "undecided") checkGap = false;
          if (typeof gap === "number") {
            await subscription.send({ kind: "gap", id: this.ids.encode(gap) });
            cursor = gap;
            continue;
          }
        }
        if (rows.length === 0) {
          await wakeup.wait(this.pollIntervalMs);
          continue;
        }
        await this.deliver(subscription, rows);
        cursor = rows[rows.length - 1]!.seq;
      }
    } finally {
      subscription.signal.removeEventListener("abort", onAbort);
      this.tails.delete(wakeup);
    }
  }

  private async deliver(subscription: Subscription, rows: readonly OutboxRow[]): Promise<void> {
    const events = rows.map(toDeliveryEvent);
    const matching = subscription.filter.matchesAll
      ? events
      : events.filter((event) => subscription.filter.matches(event.event()));
    // Visibility is decided once per batch (one store query), on the graph as it is now.
    const shown = subscription.visible ? await subscription.visible(matching) : null;
    for (const [index, event] of matching.entries()) {
      if (subscription.signal.aborted) return;
      if (shown === null || shown[index] === true) {
        await subscription.send({ kind: "event", id: this.ids.encode(event.seq), event });
      }
    }
  }

  /**
   * Whether events after `cursor` were trimmed: the position to continue after, "none", or
   * "undecided" (nothing readable yet past the cursor while newer rows exist — on PostgreSQL a
   * transaction in flight; decide on a later read). Trimming removes a prefix of the outbox, so
   * events after `cursor` are gone exactly when the oldest row left is beyond `cursor + 1` (the
   * outbox reader returns rows only once everything before them is final, so a hole left by a
   * rolled-back transaction is never mistaken for one still to commit).
   */
  private async gapAfter(cursor: number, rows: readonly OutboxRow[]): Promise<number | "none" | "undecided"> {
    if (rows.length > 0) {
      if (rows[0]!.seq === cursor + 1) return "none";
      const oldest = await this.store.oldestSeq();
      return oldest !== undefined && oldest > cursor + 1 ? oldest - 1 : "none";
    }
    const latest = await this.store.latestSeq();
    const oldest = await this.store.oldestSeq();
    if (oldest === undefined) return latest > cursor ? latest : "none";
    return oldest <= cursor ? "none" : "undecided";
  }
}
