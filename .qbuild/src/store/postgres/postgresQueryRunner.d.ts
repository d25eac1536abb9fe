import type pg from "pg";
import { type QueryRunner, type QueryRunOptions, type QueryStatement } from "../ports/queryRunner.js";
/**
 * Runs query statements on PostgreSQL. Light statements (pinned by id) use the main pool; the
 * others a small pool of their own, where each statement gets `statement_timeout` set to what
 * is left until its deadline, so PostgreSQL itself cancels a runaway statement (and a slow query
 * never holds a connection the write path needs).
 *
 * JSON values arrive as text; the runner parses those of computed columns (MIN and MAX over JSON)
 * so they render as values, and leaves sort keys as JSON text for the keyset comparison.
 */
export declare class PostgresQueryRunner implements QueryRunner {
    private readonly pool;
    private readonly heavyPool;
    private secret;
    constructor(pool: pg.Pool, heavyPool: pg.Pool);
    run(statement: QueryStatement, options: QueryRunOptions): Promise<unknown[][]>;
    tokenSecret(): Promise<Uint8Array>;
    close(): Promise<void>;
}
