import { randomBytes } from "node:crypto";
import type pg from "pg";
import {
  type QueryRunner,
  type QueryRunOptions,
  type QueryStatement,
  QueryTimeoutError,
} from "../ports/queryRunner.js";
import { jsonbTypeId } from "./pgTypes.js";

/** PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout`. */
const queryCanceled = "57014";

/** How far a connection's timeout may be from a statement's remaining time before it is set again. */
const timeoutSlackMs = 1000;

/** Sort columns (`s0`, `s1`, ...) keep JSON as text: it goes into continuation tokens and comes back as a parameter. */
const sortColumn = /^s\d+$/;

/**
 * Runs query statements on PostgreSQL. Light statements (pinned by id) use the main pool; the
 * others a small pool of their own, where each statement gets `statement_timeout` set to what
 * is left until its deadline, so PostgreSQL itself cancels a runaway statement (and a slow query
 * never holds a connection the write path needs).
 *
 * With a read replica, statements whose caller accepts results lagging its own writes
 * (`options.replica`) run on the replica's pool instead, light or not, under the same timeout.
 *
 * JSON values arrive as text; the runner parses those of computed columns (MIN and MAX over JSON)
 * so they render as values, and leaves sort keys as JSON text for the keyset comparison.
 */
export class PostgresQueryRunner implements QueryRunner {
  private secret: Uint8Array | null = null;
  /** The `statement_timeout` each query connection has now. */
  private readonly timeouts = new WeakMap<pg.PoolClient, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly heavyPool: pg.Pool,
    private readonly replicaPool: pg.Pool | null = null,
  ) {}

  async run(statement: QueryStatement, options: QueryRunOptions): Promise<unknown[][]> {
    const remaining = Math.ceil(options.deadline - Date.now());
    if (remaining <= 0) throw new QueryTimeoutError();
    const query: pg.QueryArrayConfig = {
      text: statement.sql,
      values: statement.params as unknown[],
      rowMode: "array",
    };
    try {
      const replica = options.replica === true ? this.replicaPool : null;
      if (options.light && replica === null) return shape(await this.pool.query(query));
      const client = await (replica ?? this.heavyPool).connect();
      try {
        const timeout = Math.max(1, Math.ceil(options.deadline - Date.now()));
        // Setting it costs a round trip: a connection whose timeout is within a second keeps it.
        const current = this.timeouts.get(client);
        if (current === undefined || Math.abs(current - timeout) > timeoutSlackMs) {
          this.timeouts.delete(client);
          await client.query(`SET statement_timeout = ${timeout}`);
          this.timeouts.set(client, timeout);
        }
        return shape(await client.query(query));
      } finally {
        client.release();
      }
    } catch (error) {
      if ((error as { code?: string }).code === queryCanceled) throw new QueryTimeoutError();
      throw error;
    }
  }

  async tokenSecret(): Promise<Uint8Array> {
    if (this.secret) return this.secret;
    // Every node signs with the one stored secret, so a page fetched from one node continues on another.
    await this.pool.query(
      "INSERT INTO query_secrets (name, secret) VALUES ('continuation', $1) ON CONFLICT (name) DO NOTHING",
      [randomBytes(32)],
    );
    const { rows } = await this.pool.query<{ secret: Buffer }>(
      "SELECT secret FROM query_secrets WHERE name = 'continuation'",
    );
    this.secret = new Uint8Array(rows[0]!.secret);
    return this.secret;
  }

  async close(): Promise<void> {}
}

function shape(result: pg.QueryArrayResult): unknown[][] {
  const parse = result.fields.map((field) => field.dataTypeID === jsonbTypeId && !sortColumn.test(field.name));
  if (!parse.includes(true)) return result.rows;
  for (const row of result.rows) {
    for (let i = 0; i < row.length; i++) {
      if (parse[i] && typeof row[i] === "string") row[i] = JSON.parse(row[i] as string);
    }
  }
  return result.rows;
}
