import type pg from "pg";
import type { CommitResult } from "../ports/graphRepository.js";
export interface GroupCommitterOptions {
    /** Groups in flight at once (each on its own connection). */
    readonly concurrency: number;
    /** Most batches in one group. */
    readonly maxBatches: number;
    /** Told the highest seq of each group that appended events. */
    readonly committed: (lastSeq: number) => void;
}
/**
 * Group commit for PostgreSQL: the batches handed over while earlier groups are in flight go
 * together in one transaction (`doppel_commit_group`), so a hot twin or a burst of writes pays
 * one WAL flush per group rather than per batch.
 *
 * Order: the graph's write path plans a twin's next change on top of the pending one and hands
 * both over before the first commits, so the store must apply them in hand-over order. Within a
 * group batches apply in order; a batch that touches a twin of a group in flight (or of a batch
 * held back before it) waits for a later group. Batches about other twins may overtake it.
 */
export declare class GroupCommitter {
    private readonly pool;
    private readonly lockStore;
    private readonly options;
    private queue;
    private readonly busy;
    private inFlight;
    private scheduled;
    constructor(pool: pg.Pool, lockStore: number, options: GroupCommitterOptions);
    submit(batch: string, keys: readonly number[]): Promise<CommitResult>;
    private dispatch;
    /** The next group, in hand-over order, skipping batches that must wait for a group in flight. */
    private takeGroup;
    private run;
    private execute;
}
