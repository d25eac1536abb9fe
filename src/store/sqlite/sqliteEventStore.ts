import type Database from "better-sqlite3";
import type {
  EventStore,
  NewDeadLetter,
  OutboxRow,
  StoredDeadLetter,
  StoredEndpoint,
  StoredRoute,
} from "../ports/eventStore.js";
import {
  type DeadLetterRow,
  type EndpointRow,
  type RouteRow,
  toDeadLetter,
  toEndpoint,
  toRoute,
} from "../rows/eventRows.js";
import type { SqliteDatabase } from "./openSqlite.js";

export class SqliteEventStore implements EventStore {
  private readonly readOutboxStatement: Database.Statement<[number, number], OutboxRow>;
  private readonly setCursorStatement: Database.Statement<[string, number]>;

  constructor(private readonly db: SqliteDatabase) {
    this.readOutboxStatement = db.prepare(
      "SELECT seq, twin_id AS twinId, type, event, created_at AS createdAt FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
    );
    // Only forward: a slow writer of an older cursor never moves a route back.
    this.setCursorStatement = db.prepare(
      "INSERT INTO event_cursors (route_id, seq) VALUES (?, ?) " +
        "ON CONFLICT (route_id) DO UPDATE SET seq = MAX(seq, excluded.seq)",
    );
  }

  async listEndpoints(): Promise<StoredEndpoint[]> {
    const rows = this.db.prepare("SELECT * FROM event_endpoints ORDER BY name").all() as EndpointRow[];
    return rows.map(toEndpoint);
  }

  async getEndpoint(name: string): Promise<StoredEndpoint | undefined> {
    const row = this.db.prepare("SELECT * FROM event_endpoints WHERE name = ?").get(name) as EndpointRow | undefined;
    return row && toEndpoint(row);
  }

  async putEndpoint(name: string, kind: string, definition: unknown, now: number): Promise<{ created: boolean }> {
    const put = this.db.transaction(() => {
      const existing = this.db.prepare("SELECT 1 FROM event_endpoints WHERE name = ?").get(name);
      this.db
        .prepare(
          "INSERT INTO event_endpoints (name, kind, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?) " +
            "ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, definition = excluded.definition, updated_at = excluded.updated_at",
        )
        .run(name, kind, JSON.stringify(definition), now, now);
      return { created: existing === undefined };
    });
    return put();
  }

  async deleteEndpoint(name: string): Promise<boolean> {
    return this.db.prepare("DELETE FROM event_endpoints WHERE name = ?").run(name).changes > 0;
  }

  async listEndpointNames(): Promise<string[]> {
    return this.db.prepare("SELECT name FROM event_endpoints ORDER BY name").pluck().all() as string[];
  }

  async hasEndpoint(name: string): Promise<boolean> {
    return this.db.prepare("SELECT 1 FROM event_endpoints WHERE name = ?").get(name) !== undefined;
  }

  async resealEndpoint(name: string, expected: unknown, definition: unknown): Promise<boolean> {
    // Definitions are stored as JSON.stringify wrote them, so the text read back compares exactly.
    const result = this.db
      .prepare("UPDATE event_endpoints SET definition = ? WHERE name = ? AND definition = ?")
      .run(JSON.stringify(definition), name, JSON.stringify(expected));
    return result.changes > 0;
  }

  async listRoutes(): Promise<StoredRoute[]> {
    const rows = this.db.prepare("SELECT * FROM event_routes ORDER BY id").all() as RouteRow[];
    return rows.map(toRoute);
  }

  async getRoute(id: string): Promise<StoredRoute | undefined> {
    const row = this.db.prepare("SELECT * FROM event_routes WHERE id = ?").get(id) as RouteRow | undefined;
    return row && toRoute(row);
  }

  async putRoute(route: { id: string; endpointName: string; filter: string }, startSeq: number, now: number) {
    this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO event_routes (id, endpoint_name, filter, created_at, updated_at) VALUES (?, ?, ?, ?, ?) " +
            "ON CONFLICT (id) DO UPDATE SET endpoint_name = excluded.endpoint_name, filter = excluded.filter, " +
            "updated_at = excluded.updated_at",
        )
        .run(route.id, route.endpointName, route.filter, now, now);
      this.db.prepare("INSERT OR IGNORE INTO event_cursors (route_id, seq) VALUES (?, ?)").run(route.id, startSeq);
    })();
  }

  async deleteRoute(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare("DELETE FROM event_cursors WHERE route_id = ?").run(id);
      return this.db.prepare("DELETE FROM event_routes WHERE id = ?").run(id).changes > 0;
    })();
  }

  async getCursor(routeId: string): Promise<number | undefined> {
    const row = this.db.prepare("SELECT seq FROM event_cursors WHERE route_id = ?").get(routeId) as
      | { seq: number }
      | undefined;
    return row?.seq;
  }

  async setCursor(routeId: string, seq: number): Promise<void> {
    this.setCursorStatement.run(routeId, seq);
  }

  async readOutbox(afterSeq: number, limit: number): Promise<OutboxRow[]> {
    return this.readOutboxStatement.all(afterSeq, limit);
  }

  async latestSeq(): Promise<number> {
    // AUTOINCREMENT keeps the high-water mark in sqlite_sequence even after trimming.
    const row = this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as
      | { seq: number }
      | undefined;
    return row?.seq ?? 0;
  }

  async oldestSeq(): Promise<number | undefined> {
    const row = this.db.prepare("SELECT MIN(seq) AS seq FROM outbox").get() as { seq: number | null };
    return row.seq ?? undefined;
  }

  async trimOutbox(upToSeq: number, createdBefore: number): Promise<number> {
    return this.db.prepare("DELETE FROM outbox WHERE seq <= ? AND created_at < ?").run(upToSeq, createdBefore).changes;
  }

  async addDeadLetter(letter: NewDeadLetter, now: number): Promise<number> {
    const result = this.db
      .prepare(
        "INSERT INTO event_dead_letters (route_id, endpoint_name, seq, twin_id, type, event, attempts, last_error, " +
          "first_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
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
      );
    return Number(result.lastInsertRowid);
  }

  async listDeadLetters(options: { afterId: number; limit: number; endpointName?: string }) {
    const rows =
      options.endpointName === undefined
        ? this.db
            .prepare("SELECT * FROM event_dead_letters WHERE id > ? ORDER BY id LIMIT ?")
            .all(options.afterId, options.limit)
        : this.db
            .prepare("SELECT * FROM event_dead_letters WHERE endpoint_name = ? AND id > ? ORDER BY id LIMIT ?")
            .all(options.endpointName, options.afterId, options.limit);
    return (rows as DeadLetterRow[]).map(toDeadLetter);
  }

  async getDeadLetter(id: number): Promise<StoredDeadLetter | undefined> {
    const row = this.db.prepare("SELECT * FROM event_dead_letters WHERE id = ?").get(id) as DeadLetterRow | undefined;
    return row && toDeadLetter(row);
  }

  async deleteDeadLetter(id: number): Promise<boolean> {
    return this.db.prepare("DELETE FROM event_dead_letters WHERE id = ?").run(id).changes > 0;
  }

  async countDeadLetters(endpointName?: string): Promise<number> {
    const row =
      endpointName === undefined
        ? this.db.prepare("SELECT COUNT(*) AS n FROM event_dead_letters").get()
        : this.db.prepare("SELECT COUNT(*) AS n FROM event_dead_letters WHERE endpoint_name = ?").get(endpointName);
    return (row as { n: number }).n;
  }
}
