/** SQL for the last seq ever committed: the newest row, or the newest trimmed when none is left. */
export const lastSeqSql = "SELECT GREATEST(COALESCE((SELECT max(seq) FROM outbox), 0), (SELECT seq FROM outbox_trimmed WHERE id = 1)) AS seq";
/**
 * The outbox on PostgreSQL. Listeners hear of this node's commits at once, and of other nodes'
 * through the cluster session: after a commit the node sends one notification, coalescing the
 * commits made while one is in flight (a NOTIFY inside each write transaction would serialise
 * all commits on PostgreSQL's notification lock).
 */
export class PostgresOutboxRepository {
    pool;
    reader;
    session;
    listeners = new Set();
    sending = false;
    pendingSeq = 0;
    constructor(pool, reader, session) {
        this.pool = pool;
        this.reader = reader;
        this.session = session;
        session.subscribe("outbox", (data) => this.tell(data === undefined ? 0 : Number(data) || 0));
    }
    async readAfter(afterSeq, limit) {
        return this.reader.read(afterSeq, limit);
    }
    async lastSeq() {
        const { rows } = await this.pool.query(lastSeqSql);
        return rows[0]?.seq ?? 0;
    }
    async trim(throughSeq) {
        const { rows } = await this.pool.query(`WITH gone AS (DELETE FROM outbox WHERE seq <= $1 RETURNING seq),
            mark AS (UPDATE outbox_trimmed SET seq = GREATEST(seq, (SELECT max(seq) FROM gone))
                     WHERE id = 1 AND EXISTS (SELECT 1 FROM gone))
       SELECT count(*) AS n FROM gone`, [throughSeq]);
        return rows[0]?.n ?? 0;
    }
    onAppend(listener) {
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
        };
    }
    /** Called by the graph repository after a commit of this node that appended events. */
    notifyAppended(lastSeq) {
        this.tell(lastSeq);
        this.pendingSeq = Math.max(this.pendingSeq, lastSeq);
        if (!this.sending)
            void this.send();
    }
    tell(lastSeq) {
        for (const listener of this.listeners)
            listener(lastSeq);
    }
    async send() {
        this.sending = true;
        try {
            while (this.pendingSeq > 0) {
                const seq = this.pendingSeq;
                this.pendingSeq = 0;
                // Best effort: other nodes also poll, so a lost notification only delays them.
                await this.session.notify("outbox", String(seq)).catch(() => undefined);
            }
        }
        finally {
            this.sending = false;
        }
    }
}
//# sourceMappingURL=postgresOutboxRepository.js.map