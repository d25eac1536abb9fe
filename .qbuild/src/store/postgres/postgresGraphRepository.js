import { twinKey } from "./advisoryKeys.js";
import { GroupCommitter } from "./groupCommitter.js";
const relationshipColumns = "source_id, id, name, target_id, etag, doc";
/**
 * Twins and relationships in PostgreSQL. Commits go through the group committer: batches handed
 * over together share one transaction of `doppel_commit_group` (see the schema), each batch
 * atomic on its own, serialised per twin across every node by advisory locks.
 */
export class PostgresGraphRepository {
    pool;
    committer;
    constructor(pool, lockStore, outbox, options = {}) {
        this.pool = pool;
        this.committer = new GroupCommitter(pool, lockStore, {
            concurrency: options.commitConcurrency ?? 2,
            maxBatches: options.maxBatchesPerGroup ?? 128,
            committed: (lastSeq) => outbox.notifyAppended(lastSeq),
        });
    }
    async getTwin(id) {
        const { rows } = await this.pool.query({
            name: "doppel_get_twin",
            text: "SELECT id, model_id, etag, doc FROM twins WHERE id = $1",
            values: [id],
        });
        const row = rows[0];
        return row === undefined ? undefined : { id: row.id, modelId: row.model_id, etag: row.etag, doc: row.doc };
    }
    async getRelationship(sourceId, id) {
        const { rows } = await this.pool.query({
            name: "doppel_get_relationship",
            text: `SELECT ${relationshipColumns} FROM relationships WHERE source_id = $1 AND id = $2`,
            values: [sourceId, id],
        });
        return rows[0] === undefined ? undefined : toRelationship(rows[0]);
    }
    async listRelationships(sourceId, page) {
        const after = page.afterId ?? "";
        const { rows } = page.name === undefined
            ? await this.pool.query(`SELECT ${relationshipColumns} FROM relationships WHERE source_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [sourceId, after, page.limit])
            : await this.pool.query(`SELECT ${relationshipColumns} FROM relationships
             WHERE source_id = $1 AND name = $2 AND id > $3 ORDER BY id LIMIT $4`, [sourceId, page.name, after, page.limit]);
        return rows.map(toRelationship);
    }
    async listIncoming(targetId, page) {
        const { rows } = page.after === undefined
            ? await this.pool.query("SELECT source_id, id, name FROM relationships WHERE target_id = $1 ORDER BY source_id, id LIMIT $2", [targetId, page.limit])
            : await this.pool.query(`SELECT source_id, id, name FROM relationships
             WHERE target_id = $1 AND (source_id, id) > ($2, $3) ORDER BY source_id, id LIMIT $4`, [targetId, page.after.sourceId, page.after.id, page.limit]);
        return rows.map((row) => ({ sourceId: row.source_id, id: row.id, name: row.name }));
    }
    async relationshipsOf(twinId) {
        const { rows } = await this.pool.query(`SELECT ${relationshipColumns}, 0 AS incoming FROM relationships WHERE source_id = $1
       UNION ALL
       SELECT ${relationshipColumns}, 1 AS incoming FROM relationships WHERE target_id = $1 AND source_id <> $1
       ORDER BY incoming, source_id, id`, [twinId]);
        return rows.map(toRelationship);
    }
    async hasRelationships(twinId) {
        const { rows } = await this.pool.query(`SELECT EXISTS (SELECT 1 FROM relationships WHERE source_id = $1)
           OR EXISTS (SELECT 1 FROM relationships WHERE target_id = $1) AS found`, [twinId]);
        return rows[0]?.found === true;
    }
    async countRelationships(sourceId, name) {
        const { rows } = await this.pool.query("SELECT count(*) AS n FROM relationships WHERE source_id = $1 AND name = $2", [sourceId, name]);
        return rows[0]?.n ?? 0;
    }
    commit(batch) {
        const { encoded, keys } = encodeBatch(batch, Date.now());
        return this.committer.submit(JSON.stringify(encoded), keys);
    }
}
/** The batch as `doppel_apply_batch` reads it, and the lock keys of every twin it touches. */
function encodeBatch(batch, now) {
    const twins = new Set();
    const writes = batch.writes.map((write) => encodeWrite(write, twins));
    const checks = batch.checks.map((check) => encodeCheck(check, twins));
    const events = batch.events.map((event) => {
        twins.add(event.twinId);
        return { t: event.twinId, y: event.type, e: event.event };
    });
    const keys = [...new Set([...twins].map(twinKey))];
    return { encoded: { w: writes, c: checks, v: events, now }, keys };
}
function encodeWrite(write, twins) {
    const expect = write.expect;
    const guard = { e: expect.kind, ...(expect.kind === "etag" ? { g: expect.etag } : {}) };
    switch (write.op) {
        case "putTwin":
            twins.add(write.twin.id);
            return { o: "pt", ...guard, id: write.twin.id, m: write.twin.modelId, t: write.twin.etag, d: write.twin.doc };
        case "deleteTwin":
            twins.add(write.id);
            return { o: "dt", ...guard, id: write.id };
        case "putRelationship": {
            const r = write.relationship;
            twins.add(r.sourceId);
            twins.add(r.targetId);
            return { o: "pr", ...guard, s: r.sourceId, id: r.id, n: r.name, x: r.targetId, t: r.etag, d: r.doc };
        }
        case "deleteRelationship":
            twins.add(write.sourceId);
            return { o: "dr", ...guard, s: write.sourceId, id: write.id };
    }
}
function encodeCheck(check, twins) {
    switch (check.check) {
        case "twinExists":
            twins.add(check.id);
            return { c: "te", id: check.id, ...(check.modelId === undefined ? {} : { m: check.modelId }) };
        case "noRelationships":
            twins.add(check.twinId);
            return { c: "nr", id: check.twinId };
        case "relationshipCountAtMost":
            twins.add(check.sourceId);
            return { c: "ca", s: check.sourceId, n: check.name, max: check.max };
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
//# sourceMappingURL=postgresGraphRepository.js.map