export class SqliteEventStore {
    db;
    readOutboxStatement;
    setCursorStatement;
    constructor(db) {
        this.db = db;
        this.readOutboxStatement = db.prepare("SELECT seq, twin_id AS twinId, type, event, created_at AS createdAt FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?");
        // Only forward: a slow writer of an older cursor never moves a route back.
        this.setCursorStatement = db.prepare("INSERT INTO event_cursors (route_id, seq) VALUES (?, ?) " +
            "ON CONFLICT (route_id) DO UPDATE SET seq = MAX(seq, excluded.seq)");
    }
    async listEndpoints() {
        const rows = this.db.prepare("SELECT * FROM event_endpoints ORDER BY name").all();
        return rows.map(toEndpoint);
    }
    async getEndpoint(name) {
        const row = this.db.prepare("SELECT * FROM event_endpoints WHERE name = ?").get(name);
        return row && toEndpoint(row);
    }
    async putEndpoint(name, kind, definition, now) {
        const put = this.db.transaction(() => {
            const existing = this.db.prepare("SELECT 1 FROM event_endpoints WHERE name = ?").get(name);
            this.db
                .prepare("INSERT INTO event_endpoints (name, kind, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?) " +
                "ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, definition = excluded.definition, updated_at = excluded.updated_at")
                .run(name, kind, JSON.stringify(definition), now, now);
            return { created: existing === undefined };
        });
        return put();
    }
    async deleteEndpoint(name) {
        return this.db.prepare("DELETE FROM event_endpoints WHERE name = ?").run(name).changes > 0;
    }
    async listRoutes() {
        const rows = this.db.prepare("SELECT * FROM event_routes ORDER BY id").all();
        return rows.map(toRoute);
    }
    async getRoute(id) {
        const row = this.db.prepare("SELECT * FROM event_routes WHERE id = ?").get(id);
        return row && toRoute(row);
    }
    async putRoute(route, startSeq, now) {
        this.db.transaction(() => {
            this.db
                .prepare("INSERT INTO event_routes (id, endpoint_name, filter, created_at, updated_at) VALUES (?, ?, ?, ?, ?) " +
                "ON CONFLICT (id) DO UPDATE SET endpoint_name = excluded.endpoint_name, filter = excluded.filter, " +
                "updated_at = excluded.updated_at")
                .run(route.id, route.endpointName, route.filter, now, now);
            this.db.prepare("INSERT OR IGNORE INTO event_cursors (route_id, seq) VALUES (?, ?)").run(route.id, startSeq);
        })();
    }
    async deleteRoute(id) {
        return this.db.transaction(() => {
            this.db.prepare("DELETE FROM event_cursors WHERE route_id = ?").run(id);
            return this.db.prepare("DELETE FROM event_routes WHERE id = ?").run(id).changes > 0;
        })();
    }
    async getCursor(routeId) {
        const row = this.db.prepare("SELECT seq FROM event_cursors WHERE route_id = ?").get(routeId);
        return row?.seq;
    }
    async setCursor(routeId, seq) {
        this.setCursorStatement.run(routeId, seq);
    }
    async readOutbox(afterSeq, limit) {
        return this.readOutboxStatement.all(afterSeq, limit);
    }
    async latestSeq() {
        // AUTOINCREMENT keeps the high-water mark in sqlite_sequence even after trimming.
        const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get();
        return row?.seq ?? 0;
    }
    async oldestSeq() {
        const row = this.db.prepare("SELECT MIN(seq) AS seq FROM outbox").get();
        return row.seq ?? undefined;
    }
    async trimOutbox(upToSeq, createdBefore) {
        return this.db.prepare("DELETE FROM outbox WHERE seq <= ? AND created_at < ?").run(upToSeq, createdBefore).changes;
    }
    async addDeadLetter(letter, now) {
        const result = this.db
            .prepare("INSERT INTO event_dead_letters (route_id, endpoint_name, seq, twin_id, type, event, attempts, last_error, " +
            "first_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .run(letter.routeId, letter.endpointName, letter.seq, letter.twinId, letter.type, letter.event, letter.attempts, letter.lastError, letter.firstAttemptAt, now);
        return Number(result.lastInsertRowid);
    }
    async listDeadLetters(options) {
        const rows = options.endpointName === undefined
            ? this.db
                .prepare("SELECT * FROM event_dead_letters WHERE id > ? ORDER BY id LIMIT ?")
                .all(options.afterId, options.limit)
            : this.db
                .prepare("SELECT * FROM event_dead_letters WHERE endpoint_name = ? AND id > ? ORDER BY id LIMIT ?")
                .all(options.endpointName, options.afterId, options.limit);
        return rows.map(toDeadLetter);
    }
    async getDeadLetter(id) {
        const row = this.db.prepare("SELECT * FROM event_dead_letters WHERE id = ?").get(id);
        return row && toDeadLetter(row);
    }
    async deleteDeadLetter(id) {
        return this.db.prepare("DELETE FROM event_dead_letters WHERE id = ?").run(id).changes > 0;
    }
    async countDeadLetters(endpointName) {
        const row = endpointName === undefined
            ? this.db.prepare("SELECT COUNT(*) AS n FROM event_dead_letters").get()
            : this.db.prepare("SELECT COUNT(*) AS n FROM event_dead_letters WHERE endpoint_name = ?").get(endpointName);
        return row.n;
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
//# sourceMappingURL=sqliteEventStore.js.map