/** Thrown inside a batch's savepoint to roll back just that batch. */
class BatchRejected {
    result;
    constructor(result) {
        this.result = result;
    }
}
/**
 * Twins and relationships in SQLite, with group commit: every batch handed to `commit` during one
 * turn of the event loop is applied in a single transaction (each batch in its own savepoint, so
 * a failed precondition rolls back only that batch), then made durable with one WAL sync. This
 * keeps `synchronous = FULL` (a 2xx survives power loss) at thousands of writes per second.
 */
export class SqliteGraphRepository {
    db;
    outbox;
    pending = [];
    flushScheduled = false;
    s;
    applyBatchInSavepoint;
    constructor(db, outbox) {
        this.db = db;
        this.outbox = outbox;
        this.s = prepareStatements(db);
        this.applyBatchInSavepoint = db.transaction((batch) => this.applyBatch(batch));
    }
    async getTwin(id) {
        const row = this.s.getTwin.get(id);
        return row === undefined ? undefined : { id: row.id, modelId: row.model_id, etag: row.etag, doc: row.doc };
    }
    async getRelationship(sourceId, id) {
        const row = this.s.getRelationship.get(sourceId, id);
        return row === undefined ? undefined : toRelationship(row);
    }
    async listRelationships(sourceId, page) {
        const after = page.afterId ?? "";
        const rows = page.name === undefined
            ? this.s.listOutgoing.all(sourceId, after, page.limit)
            : this.s.listOutgoingByName.all(sourceId, page.name, after, page.limit);
        return rows.map(toRelationship);
    }
    async listIncoming(targetId, page) {
        const rows = page.after === undefined
            ? this.s.listIncomingFirst.all(targetId, page.limit)
            : this.s.listIncomingAfter.all(targetId, page.after.sourceId, page.after.sourceId, page.after.id, page.limit);
        return rows.map((row) => ({ sourceId: row.source_id, id: row.id, name: row.name }));
    }
    async relationshipsOf(twinId) {
        return this.s.relationshipsOf.all({ id: twinId }).map(toRelationship);
    }
    async hasRelationships(twinId) {
        return this.s.anyOutgoing.get(twinId) !== undefined || this.s.anyIncoming.get(twinId) !== undefined;
    }
    async countRelationships(sourceId, name) {
        return this.s.countByName.get(sourceId, name)?.n ?? 0;
    }
    commit(batch) {
        return new Promise((resolve, reject) => {
            this.pending.push({ batch, resolve, reject });
            if (!this.flushScheduled) {
                this.flushScheduled = true;
                setImmediate(() => this.flush());
            }
        });
    }
    /** Applies every pending batch in one transaction and settles their promises after the commit. */
    flush() {
        this.flushScheduled = false;
        const group = this.pending;
        this.pending = [];
        const outcomes = [];
        let lastSeq = 0;
        try {
            this.db.transaction(() => {
                for (const item of group) {
                    try {
                        const result = this.applyBatchInSavepoint(item.batch);
                        if (result.ok && result.seq > lastSeq)
                            lastSeq = result.seq;
                        outcomes.push({ ok: true, result });
                    }
                    catch (error) {
                        if (error instanceof BatchRejected)
                            outcomes.push({ ok: true, result: error.result });
                        else
                            outcomes.push({ ok: false, error });
                    }
                }
            })();
        }
        catch (error) {
            for (const item of group)
                item.reject(error);
            return;
        }
        group.forEach((item, index) => {
            const outcome = outcomes[index];
            if (outcome.ok)
                item.resolve(outcome.result);
            else
                item.reject(outcome.error);
        });
        if (lastSeq > 0)
            this.outbox?.notifyAppended(lastSeq);
    }
    applyBatch(batch) {
        const now = Date.now();
        let seq = 0;
        for (const event of batch.events) {
            seq = Number(this.s.appendEvent.run(event.twinId, event.type, event.event, now).lastInsertRowid);
        }
        batch.writes.forEach((write, index) => {
            if (!this.preconditionHolds(write))
                throw new BatchRejected({ ok: false, failed: { write: index } });
            this.applyWrite(write, seq);
        });
        batch.checks.forEach((check, index) => {
            if (!this.checkHolds(check))
                throw new BatchRejected({ ok: false, failed: { check: index } });
        });
        return { ok: true, seq };
    }
    preconditionHolds(write) {
        const current = this.currentEtag(write);
        return satisfies(write.expect, current);
    }
    currentEtag(write) {
        switch (write.op) {
            case "putTwin":
                return write.expect.kind === "any" ? undefined : this.s.twinEtag.get(write.twin.id)?.etag;
            case "deleteTwin":
                return write.expect.kind === "any" ? undefined : this.s.twinEtag.get(write.id)?.etag;
            case "putRelationship":
                return write.expect.kind === "any"
                    ? undefined
                    : this.s.relationshipEtag.get(write.relationship.sourceId, write.relationship.id)?.etag;
            case "deleteRelationship":
                return write.expect.kind === "any" ? undefined : this.s.relationshipEtag.get(write.sourceId, write.id)?.etag;
        }
    }
    applyWrite(write, seq) {
        switch (write.op) {
            case "putTwin": {
                const t = write.twin;
                this.s.putTwin.run(t.id, t.modelId, t.etag, t.doc, seq);
                return;
            }
            case "deleteTwin":
                this.s.deleteTwin.run(write.id);
                return;
            case "putRelationship": {
                const r = write.relationship;
                this.s.putRelationship.run(r.sourceId, r.id, r.name, r.targetId, r.etag, r.doc);
                return;
            }
            case "deleteRelationship":
                this.s.deleteRelationship.run(write.sourceId, write.id);
                return;
        }
    }
    checkHolds(check) {
        switch (check.check) {
            case "twinExists": {
                const row = this.s.twinModel.get(check.id);
                return row !== undefined && (check.modelId === undefined || row.model_id === check.modelId);
            }
            case "noRelationships":
                return this.s.anyOutgoing.get(check.twinId) === undefined && this.s.anyIncoming.get(check.twinId) === undefined;
            case "relationshipCountAtMost":
                return (this.s.countByName.get(check.sourceId, check.name)?.n ?? 0) <= check.max;
        }
    }
}
function satisfies(expect, currentEtag) {
    switch (expect.kind) {
        case "any":
            return true;
        case "absent":
            return currentEtag === undefined;
        case "present":
            return currentEtag !== undefined;
        case "etag":
            return currentEtag === expect.etag;
    }
}
function toRelationship(row) {
    return {
        sourceId: row.source_id,
        id: row.id,
        name: row.name,
        targetId: row.target_id,
        etag: row.etag,
        doc: row.doc,
    };
}
function prepareStatements(db) {
    const relationshipColumns = "source_id, id, name, target_id, etag, doc";
    return {
        getTwin: db.prepare("SELECT id, model_id, etag, doc FROM twins WHERE id = ?"),
        twinEtag: db.prepare("SELECT etag FROM twins WHERE id = ?"),
        twinModel: db.prepare("SELECT model_id FROM twins WHERE id = ?"),
        putTwin: db.prepare(`INSERT INTO twins (id, model_id, etag, doc, updated_seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET model_id = excluded.model_id, etag = excluded.etag, doc = excluded.doc,
         updated_seq = excluded.updated_seq`),
        deleteTwin: db.prepare("DELETE FROM twins WHERE id = ?"),
        getRelationship: db.prepare(`SELECT ${relationshipColumns} FROM relationships WHERE source_id = ? AND id = ?`),
        relationshipEtag: db.prepare("SELECT etag FROM relationships WHERE source_id = ? AND id = ?"),
        putRelationship: db.prepare(`INSERT INTO relationships (source_id, id, name, target_id, etag, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, id) DO UPDATE SET name = excluded.name, target_id = excluded.target_id,
         etag = excluded.etag, doc = excluded.doc`),
        deleteRelationship: db.prepare("DELETE FROM relationships WHERE source_id = ? AND id = ?"),
        listOutgoing: db.prepare(`SELECT ${relationshipColumns} FROM relationships WHERE source_id = ? AND id > ? ORDER BY id LIMIT ?`),
        listOutgoingByName: db.prepare(`SELECT ${relationshipColumns} FROM relationships WHERE source_id = ? AND name = ? AND id > ? ORDER BY id LIMIT ?`),
        listIncomingFirst: db.prepare("SELECT source_id, id, name FROM relationships WHERE target_id = ? ORDER BY source_id, id LIMIT ?"),
        listIncomingAfter: db.prepare(`SELECT source_id, id, name FROM relationships
       WHERE target_id = ? AND (source_id > ? OR (source_id = ? AND id > ?))
       ORDER BY source_id, id LIMIT ?`),
        relationshipsOf: db.prepare(`SELECT ${relationshipColumns}, 0 AS incoming FROM relationships WHERE source_id = @id
       UNION ALL
       SELECT ${relationshipColumns}, 1 AS incoming FROM relationships WHERE target_id = @id AND source_id <> @id
       ORDER BY incoming, source_id, id`),
        anyOutgoing: db.prepare("SELECT 1 AS x FROM relationships WHERE source_id = ? LIMIT 1"),
        anyIncoming: db.prepare("SELECT 1 AS x FROM relationships WHERE target_id = ? LIMIT 1"),
        countByName: db.prepare("SELECT COUNT(*) AS n FROM relationships WHERE source_id = ? AND name = ?"),
        appendEvent: db.prepare("INSERT INTO outbox (twin_id, type, event, created_at) VALUES (?, ?, ?, ?)"),
    };
}
//# sourceMappingURL=sqliteGraphRepository.js.map