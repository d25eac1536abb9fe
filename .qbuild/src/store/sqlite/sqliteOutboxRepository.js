export class SqliteOutboxRepository {
    listeners = new Set();
    readStatement;
    lastSeqStatement;
    trimStatement;
    constructor(db) {
        this.readStatement = db.prepare("SELECT seq, twin_id, type, event, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
        // sqlite_sequence keeps the AUTOINCREMENT high-water mark, so it survives a trim.
        this.lastSeqStatement = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
        this.trimStatement = db.prepare("DELETE FROM outbox WHERE seq <= ?");
    }
    async readAfter(afterSeq, limit) {
        return this.readStatement.all(afterSeq, limit).map((row) => ({
            seq: row.seq,
            twinId: row.twin_id,
            type: row.type,
            event: row.event,
            createdAt: row.created_at,
        }));
    }
    async lastSeq() {
        return this.lastSeqStatement.get()?.seq ?? 0;
    }
    async trim(throughSeq) {
        return this.trimStatement.run(throughSeq).changes;
    }
    onAppend(listener) {
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
        };
    }
    /** Called by the graph repository after a commit that appended events. */
    notifyAppended(lastSeq) {
        for (const listener of this.listeners)
            listener(lastSeq);
    }
}
//# sourceMappingURL=sqliteOutboxRepository.js.map