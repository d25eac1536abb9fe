import { type QueryRunner, type QueryRunOptions, type QueryStatement } from "../ports/queryRunner.js";
import type { SqliteDatabase } from "./openSqlite.js";
export interface SqliteQueryRunnerOptions {
    /**
     * Background reader threads for file databases (each with its own read connection). Light
     * statements and every statement of an in-memory database run on the main connection.
     */
    readonly workers?: number;
    /** How long past its deadline a reader thread may stay silent before it is replaced. */
    readonly graceMs?: number;
}
/** The SQL function compiled statements call every 1,024 rows per table; it throws past the deadline. */
export declare const queryTickFunction = "doppel_query_tick";
/**
 * Runs query statements on SQLite. better-sqlite3 is synchronous and cannot interrupt a running
 * statement, so cancellation is cooperative: compiled statements call `doppel_query_tick()` every
 * 1,024 rows of each table, and the function throws once the deadline has passed.
 *
 * Statements that may read many rows go to a reader thread with its own connection (WAL lets it
 * read while the main connection writes; each statement starts a fresh read transaction, so it
 * sees every write committed before it was sent), which keeps the event loop free. A thread that
 * stays silent past its deadline (a long sort has no rows to tick on) is terminated and replaced.
 * An in-memory database is invisible to other connections, so there everything runs inline.
 */
export declare class SqliteQueryRunner implements QueryRunner {
    private readonly db;
    private deadline;
    private readonly statements;
    private readonly readers;
    private secret;
    private readonly workerCount;
    private readonly graceMs;
    constructor(db: SqliteDatabase, options?: SqliteQueryRunnerOptions);
    run(statement: QueryStatement, options: QueryRunOptions): Promise<unknown[][]>;
    tokenSecret(): Promise<Uint8Array>;
    close(): Promise<void>;
    private runInline;
    private prepare;
    /** The least busy reader, starting one while fewer than configured exist. */
    private reader;
}
