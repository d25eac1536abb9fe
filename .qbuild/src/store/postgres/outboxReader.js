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
export class OutboxReader {
    pool;
    options;
    constructor(pool, options) {
        this.pool = pool;
        this.options = options;
    }
    async read(afterSeq, limit) {
        if (limit <= 0)
            return [];
        const first = await this.fetch(afterSeq, limit);
        const run = gapFreeRun(first, afterSeq, afterSeq);
        if (run.length > 0 || first.length === 0)
            return run;
        // The next seq is missing: wait for the transactions that might still write it.
        const seen = first[first.length - 1].seq;
        if (!(await this.inFlightEnded()))
            return [];
        return gapFreeRun(await this.fetch(afterSeq, limit), afterSeq, seen);
    }
    async fetch(afterSeq, limit) {
        const { rows } = await this.pool.query(`SELECT seq, twin_id AS "twinId", type, event, created_at AS "createdAt"
       FROM outbox WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
        return rows;
    }
    /** True once every transaction in flight now has ended; false if that takes longer than allowed. */
    async inFlightEnded() {
        const { rows } = await this.pool.query("SELECT array_agg(x)::text[] AS xip FROM pg_snapshot_xip(pg_current_snapshot()) AS x");
        const inFlight = rows[0]?.xip ?? [];
        if (inFlight.length === 0)
            return true;
        const deadline = Date.now() + this.options.gapWaitMs;
        let pause = 1;
        for (;;) {
            const status = await this.pool.query("SELECT count(*) AS running FROM unnest($1::xid8[]) AS x WHERE pg_xact_status(x) = 'in progress'", [inFlight]);
            if (Number(status.rows[0]?.running ?? 0) === 0)
                return true;
            if (Date.now() >= deadline)
                return false;
            await new Promise((resolve) => setTimeout(resolve, pause));
            pause = Math.min(pause * 2, 20);
        }
    }
}
/**
 * The rows that follow `afterSeq` without a gap. Gaps at or below `finalUpTo` are known to be
 * holes for good and do not stop the run.
 */
function gapFreeRun(rows, afterSeq, finalUpTo) {
    const run = [];
    let previous = afterSeq;
    for (const row of rows) {
        if (row.seq !== previous + 1 && row.seq > finalUpTo)
            break;
        run.push(row);
        previous = row.seq;
    }
    return run;
}
//# sourceMappingURL=outboxReader.js.map