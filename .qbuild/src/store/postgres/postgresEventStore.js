import { jobKeys, routeKey } from "./advisoryKeys.js";
import { inTransaction } from "./inTransaction.js";
import { lastSeqSql } from "./postgresOutboxRepository.js";
/**
 * Event delivery state in PostgreSQL, shared by every node. Changes to endpoints and routes
 * notify the other nodes in their transaction (their dispatchers reload); a route is delivered
 * by the one node holding its lease; trimming runs on one node at a time.
 */
export class PostgresEventStore {
    pool;
    reader;
    session;
    lockStore;
    constructor(pool, reader, session, lockStore) {
        this.pool = pool;
        this.reader = reader;
        this.session = session;
        this.lockStore = lockStore;
    }
    async listEndpoints() {
        const { rows } = await this.pool.query("SELECT * FROM event_endpoints ORDER BY name");
        return rows.map(toEndpoint);
    }
    async getEndpoint(name) {
        const { rows } = await this.pool.query("SELECT * FROM event_endpoints WHERE name = $1", [name]);
        return rows[0] && toEndpoint(rows[0]);
    }
    async putEndpoint(name, kind, definition, now) {
        return inTransaction(this.pool, async (client) => {
            const { rows } = await client.query(`INSERT INTO event_endpoints (name, kind, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, definition = excluded.definition,
           updated_at = excluded.updated_at
         RETURNING (xmax = 0) AS created`, [name, kind, JSON.stringify(definition), now]);
            await this.notify(client);
            return { created: rows[0]?.created === true };
        });
    }
    async deleteEndpoint(name) {
        return inTransaction(this.pool, async (client) => {
            const result = await client.query("DELETE FROM event_endpoints WHERE name = $1", [name]);
            await this.notify(client);
            return (result.rowCount ?? 0) > 0;
        });
    }
    async listRoutes() {
        const { rows } = await this.pool.query("SELECT * FROM event_routes ORDER BY id");
        return rows.map(toRoute);
    }
    async getRoute(id) {
        const { rows } = await this.pool.query("SELECT * FROM event_routes WHERE id = $1", [id]);
        return rows[0] && toRoute(rows[0]);
    }
    async putRoute(route, startSeq, now) {
        await inTransaction(this.pool, async (client) => {
            await client.query(`INSERT INTO event_routes (id, endpoint_name, filter, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (id) DO UPDATE SET endpoint_name = excluded.endpoint_name, filter = excluded.filter,
           updated_at = excluded.updated_at`, [route.id, route.endpointName, route.filter, now]);
            await client.query("INSERT INTO event_cursors (route_id, seq) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
                route.id,
                startSeq,
            ]);
            await this.notify(client);
        });
    }
    async deleteRoute(id) {
        return inTransaction(this.pool, async (client) => {
            await client.query("DELETE FROM event_cursors WHERE route_id = $1", [id]);
            const result = await client.query("DELETE FROM event_routes WHERE id = $1", [id]);
            await this.notify(client);
            return (result.rowCount ?? 0) > 0;
        });
    }
    async getCursor(routeId) {
        const { rows } = await this.pool.query("SELECT seq FROM event_cursors WHERE route_id = $1", [
            routeId,
        ]);
        return rows[0]?.seq;
    }
    async setCursor(routeId, seq) {
        // Only forward: a slow writer of an older cursor never moves a route back.
        await this.pool.query({
            name: "doppel_set_cursor",
            text: `INSERT INTO event_cursors (route_id, seq) VALUES ($1, $2)
             ON CONFLICT (route_id) DO UPDATE SET seq = GREATEST(event_cursors.seq, excluded.seq)`,
            values: [routeId, seq],
        });
    }
    async readOutbox(afterSeq, limit) {
        return this.reader.read(afterSeq, limit);
    }
    async latestSeq() {
        const { rows } = await this.pool.query(lastSeqSql);
        return rows[0]?.seq ?? 0;
    }
    async oldestSeq() {
        const { rows } = await this.pool.query("SELECT min(seq) AS seq FROM outbox");
        return rows[0]?.seq ?? undefined;
    }
    /** Runs on one node at a time: the others find the job's lock taken and skip (answering 0). */
    async trimOutbox(upToSeq, createdBefore) {
        return inTransaction(this.pool, async (client) => {
            const { rows: lock } = await client.query("SELECT pg_try_advisory_xact_lock($1, $2) AS ok", [
                this.lockStore,
                jobKeys.trimOutbox,
            ]);
            if (!lock[0]?.ok)
                return 0;
            const { rows } = await client.query(`WITH gone AS (DELETE FROM outbox WHERE seq <= $1 AND created_at < $2 RETURNING seq),
              mark AS (UPDATE outbox_trimmed SET seq = GREATEST(seq, (SELECT max(seq) FROM gone))
                       WHERE id = 1 AND EXISTS (SELECT 1 FROM gone))
         SELECT count(*) AS n FROM gone`, [upToSeq, createdBefore]);
            return rows[0]?.n ?? 0;
        });
    }
    async addDeadLetter(letter, now) {
        const { rows } = await this.pool.query(`INSERT INTO event_dead_letters (route_id, endpoint_name, seq, twin_id, type, event, attempts, last_error,
         first_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, [
            letter.routeId,
            letter.endpointName,
            letter.seq,
            letter.twinId,
            letter.type,
            letter.event,
            letter.attempts,
            letter.lastError,
            letter.firstAttemptAt,
            now,
        ]);
        return rows[0].id;
    }
    async listDeadLetters(options) {
        const { rows } = options.endpointName === undefined
            ? await this.pool.query("SELECT * FROM event_dead_letters WHERE id > $1 ORDER BY id LIMIT $2", [
                options.afterId,
                options.limit,
            ])
            : await this.pool.query("SELECT * FROM event_dead_letters WHERE endpoint_name = $1 AND id > $2 ORDER BY id LIMIT $3", [options.endpointName, options.afterId, options.limit]);
        return rows.map(toDeadLetter);
    }
    async getDeadLetter(id) {
        const { rows } = await this.pool.query("SELECT * FROM event_dead_letters WHERE id = $1", [id]);
        return rows[0] && toDeadLetter(rows[0]);
    }
    async deleteDeadLetter(id) {
        const result = await this.pool.query("DELETE FROM event_dead_letters WHERE id = $1", [id]);
        return (result.rowCount ?? 0) > 0;
    }
    async countDeadLetters(endpointName) {
        const { rows } = endpointName === undefined
            ? await this.pool.query("SELECT count(*) AS n FROM event_dead_letters")
            : await this.pool.query("SELECT count(*) AS n FROM event_dead_letters WHERE endpoint_name = $1", [endpointName]);
        return rows[0]?.n ?? 0;
    }
    /**
     * Waits until this node owns the route's delivery for the cluster (null when `signal` aborts
     * first). The lease is a session advisory lock: a node that dies loses it at once.
     */
    claimRoute(routeId, signal) {
        return this.session.claim(`route:${routeId}`, routeKey(routeId), signal);
    }
    async notify(client) {
        await client.query("SELECT pg_notify($1, $2)", [this.session.channel, this.session.payload("events")]);
    }
}
function toEndpoint(row) {
    return {
        name: row.name,
        kind: row.kind,
        definition: JSON.parse(row.definition),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
    };
}
function toRoute(row) {
    return {
        id: row.id,
        endpointName: row.endpoint_name,
        filter: row.filter,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
    };
}
function toDeadLetter(row) {
    return {
        id: row.id,
        routeId: row.route_id,
        endpointName: row.endpoint_name,
        seq: row.seq,
        twinId: row.twin_id,
        type: row.type,
        event: row.event,
        attempts: row.attempts,
        lastError: row.last_error,
        firstAttemptAt: row.first_attempt_at,
        createdAt: row.created_at,
    };
}
//# sourceMappingURL=postgresEventStore.js.map