import type pg from "pg";
export interface OutboxRowData {
    readonly seq: number;
    readonly twinId: string | null;
    readonly type: string;
    readonly event: string;
    readonly createdAt: number;
}
export interface OutboxReaderOptions {
    /** How long one read may wait for transactions in flight before answering with what is final. */
    readonly gapWaitMs: number;
}
/**
 * Reads the outbox in seq order without ever skipping an event that is still to commit.
 *
 * Seqs come from a sequence, in real-time order, but transactions commit in any order: a reader
 * can see seq 12 committed while 11 is in flight, and must not move past 11. Nor may it wait for
 * 11 forever: a rolled-back transaction leaves a hole that never fills.
 *
 * So a read answers only the gap-free run after `afterSeq`. When the run is empty because the
 * next seq is missing, the reader takes the ids of the transactions in flight and waits (briefly)
 * until they have all ended. The missing seqs (up to the highest seq seen) belonged to one of
 * them or to one already ended — `doppel_commit` takes its transaction id before drawing a seq,
 * and a seq below a committed one was drawn before that commit — so once they have ended, what
 * is still missing is a hole for good, and the reader reads past it.
 *
 * A transaction that runs long (a bulk import, an idle session holding a write) delays readers
 * by as long, never more; nothing is skipped.
 */
export declare class OutboxReader {
    private readonly pool;
    private readonly options;
    constructor(pool: pg.Pool, options: OutboxReaderOptions);
    read(afterSeq: number, limit: number): Promise<OutboxRowData[]>;
    private fetch;
    /** True once every transaction in flight now has ended; false if that takes longer than allowed. */
    private inFlightEnded;
}
