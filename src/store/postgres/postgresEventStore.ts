import type pg from "pg";
import type { RouteLease } from "../ports/clusterBus.js";
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
import { jobKeys, routeKey } from "./advisoryKeys.js";
import type { ClusterSession } from "./clusterSession.js";
import { inTransaction } from "./inTransaction.js";
import type { OutboxReader } from "./outboxReader.js";
import { lastSeqSql } from "./postgresOutboxRepository.js";

/**
 * Event delivery state in PostgreSQL, shared by every node. Changes to endpoints and routes
 * notify the other nodes in their transaction (their dispatchers reload); a route is delivered
 * by the one node holding its lease; trimming runs on one node at a time.
 */
export class PostgresEventStore implements EventStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly reader: OutboxReader,
    private readonly session: ClusterSession,
    private readonly lockStore: number,
  ) {}

  async listEndpoints(): Promise<StoredEndpoint[]> {
    const { rows } = await this.pool.query<EndpointRow>("SELECT * FROM event_endpoints ORDER BY name");
    return rows.map(toEndpoint);
  }

  async getEndpoint(name: string): Promise<StoredEndpoint | undefined> {
    const { rows } = await this.pool.query<EndpointRow>("SELECT * FROM event_endpoints WHERE name = $1", [name]);
    return rows[0] && toEndpoint(rows[0]);
  }

  async putEndpoint(name: string, kind: string, definition: unknown, now: number): Promise<{ created: boolean }> {
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ created: boolean }>(
        `INSERT INTO event_endpoints (name, kind, definition, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, definition = excluded.definition,
           updated_at = excluded.updated_at
         RETURNING (xmax = 0) AS created`,
        [name, kind, JSON.stringify(definition), now],
      );
      await this.notify(client);
      return { created: rows[0]?.created === true };
    });
  }

  async deleteEndpoint(name: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const result = await client.query("DELETE FROM event_endpoints WHERE name = $1", [name]);
      await this.notify(client);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async listEndpointNames(): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>("SELECT name FROM event_endpoints ORDER BY name");
    return rows.map((row) => row.name);
  }

  async hasEndpoint(name: string): Promise<boolean> {
    const { rows } = await this.pool.query("SELECT 1 FROM event_endpoints WHERE name = $1", [name]);
    return rows.length > 0;
  }

  async resealEndpoint(name: string, expected: unknown, definition: unknown): Promise<boolean> {
    // No notification: what the endpoint does is unchanged, so other nodes have nothing to reload.
    // Definitions are stored as JSON.stringify wrote them, so the text read back compares exactly.
    const result = await this.pool.query(
      "UPDATE event_endpoints SET definition = $3 WHERE name = $1 AND definition = $2",
      [name, JSON.stringify(expected), JSON.stringify(definition)],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async listRoutes(): Promise<StoredRoute[]> {
    const { rows } = await this.pool.query<RouteRow>("SELECT * FROM event_routes ORDER BY id");
    return rows.map(toRoute);
  }

  async getRoute(id: string): Promise<StoredRoute | undefined> {
    const { rows } = await this.pool.query<RouteRow>("SELECT * FROM event_routes WHERE id = $1", [id]);
    return rows[0] && toRoute(rows[0]);
  }

  async putRoute(route: { id: string; endpointName: string; filter: string }, startSeq: number, now: number) {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO event_routes (id, endpoint_name, filter, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (id) DO UPDATE SET endpoint_name = excluded.endpoint_name, filter = excluded.filter,
           updated_at = excluded.updated_at`,
        [route.id, route.endpointName, route.filter, now],
      );
      await client.query("INSERT INTO event_cursors (route_id, seq) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
        route.id,
        startSeq,
      ]);
      await this.notify(client);
    });
  }

  async deleteRoute(id: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query("DELETE FROM event_cursors WHERE route_id = $1", [id]);
      const result = await client.query("DELETE FROM event_routes WHERE id = $1", [id]);
      await this.notify(client);
      return (result.rowCount ?? 0) > 0;
    });
  }

  async getCursor(routeId: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ seq: number }>("SELECT seq FROM event_cursors WHERE route_id = $1", [
      routeId,
    ]);
    return rows[0]?.seq;
  }

  async setCursor(routeId: string, seq: number): Promise<void> {
    // Only forward: a slow writer of an older cursor never moves a route back.
    await this.pool.query({
      name: "doppel_set_cursor",
      text: `INSERT INTO event_cursors (route_id, seq) VALUES ($1, $2)
             ON CONFLICT (route_id) DO UPDATE SET seq = GREATEST(event_cursors.seq, excluded.seq)`,
      values: [routeId, seq],
    });
  }

  async readOutbox(afterSeq: number, limit: number): Promise<OutboxRow[]> {
    return this.reader.read(afterSeq, limit);
  }

  async latestSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number }>(lastSeqSql);
    return rows[0]?.seq ?? 0;
  }

  async oldestSeq(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ seq: number | null }>("SELECT min(seq) AS seq FROM outbox");
    return rows[0]?.seq ?? undefined;
  }

  /** Runs on one node at a time: the others find the job's lock taken and skip (answering 0). */
  async trimOutbox(upToSeq: number, createdBefore: number): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const { rows: lock } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock($1, $2) AS ok", [
        this.lockStore,
        jobKeys.trimOutbox,
      ]);
      if (!lock[0]?.ok) return 0;
      const { rows } = await client.query<{ n: number }>(
        `WITH gone AS (DELETE FROM outbox WHERE seq <= $1 AND created_at < $2 RETURNING seq),
              mark AS (UPDATE outbox_trimmed SET seq = GREATEST(seq, (SELECT max(seq) FROM gone))
                       WHERE id = 1 AND EXISTS (SELECT 1 FROM gone))
         SELECT count(*) AS n FROM gone`,
        [upToSeq, createdBefore],
      );
      return rows[0]?.n ?? 0;
    });
  }

  async addDeadLetter(letter: NewDeadLetter, now: number): Promise<number> {
    const { rows } = await this.pool.query<{ id: number }>(
      `INSERT INTO event_dead_letters (route_id, endpoint_name, seq, twin_id, type, event, attempts, last_error,
         first_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
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
      ],
    );
    return rows[0]!.id;
  }

  async listDeadLetters(options: { afterId: number; limit: number; endpointName?: string }) {
    const { rows } =
      options.endpointName === undefined
        ? await this.pool.query<DeadLetterRow>("SELECT * FROM event_dead_letters WHERE id > $1 ORDER BY id LIMIT $2", [
            options.afterId,
            options.limit,
          ])
        : await this.pool.query<DeadLetterRow>(
            "SELECT * FROM event_dead_letters WHERE endpoint_name = $1 AND id > $2 ORDER BY id LIMIT $3",
            [options.endpointName, options.afterId, options.limit],
          );
    return rows.map(toDeadLetter);
  }

  async getDeadLetter(id: number): Promise<StoredDeadLetter | undefined> {
    const { rows } = await this.pool.query<DeadLetterRow>("SELECT * FROM event_dead_letters WHERE id = $1", [id]);
    return rows[0] && toDeadLetter(rows[0]);
  }

  async deleteDeadLetter(id: number): Promise<boolean> {
    const result = await this.pool.query("DELETE FROM event_dead_letters WHERE id = $1", [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async countDeadLetters(endpointName?: string): Promise<number> {
    const { rows } =
      endpointName === undefined
        ? await this.pool.query<{ n: number }>("SELECT count(*) AS n FROM event_dead_letters")
        : await this.pool.query<{ n: number }>(
            "SELECT count(*) AS n FROM event_dead_letters WHERE endpoint_name = $1",
            [endpointName],
          );
    return rows[0]?.n ?? 0;
  }

  /**
   * Waits until this node owns the route's delivery for the cluster (null when `signal` aborts
   * first). The lease is a session advisory lock: a node that dies loses it at once.
   */
  claimRoute(routeId: string, signal: AbortSignal): Promise<RouteLease | null> {
    return this.session.claim(`route:${routeId}`, routeKey(routeId), signal);
  }

  private async notify(client: pg.PoolClient): Promise<void> {
    await client.query("SELECT pg_notify($1, $2)", [this.session.channel, this.session.payload("events")]);
  }
}
