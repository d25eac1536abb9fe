import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { QueryTimeoutError, } from "../ports/queryRunner.js";
const statementCacheSize = 256;
/** The SQL function compiled statements call every 1,024 rows per table; it throws past the deadline. */
export const queryTickFunction = "doppel_query_tick";
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
export class SqliteQueryRunner {
    db;
    deadline = Number.POSITIVE_INFINITY;
    statements = new Map();
    readers = [];
    secret = null;
    workerCount;
    graceMs;
    constructor(db, options = {}) {
        this.db = db;
        this.workerCount = db.memory ? 0 : (options.workers ?? 1);
        this.graceMs = options.graceMs ?? 2000;
        db.function(queryTickFunction, { deterministic: false }, () => {
            if (Date.now() > this.deadline)
                throw new QueryTimeoutError();
            return 1;
        });
    }
    async run(statement, options) {
        if (options.light || this.workerCount === 0)
            return this.runInline(statement, options.deadline);
        return this.reader().run(statement, options.deadline);
    }
    async tokenSecret() {
        if (this.secret)
            return this.secret;
        const select = this.db.prepare("SELECT secret FROM query_secrets WHERE name = 'continuation'");
        let row = select.get();
        if (!row) {
            this.db
                .prepare("INSERT OR IGNORE INTO query_secrets (name, secret) VALUES ('continuation', ?)")
                .run(randomBytes(32));
            row = select.get();
        }
        this.secret = new Uint8Array(row.secret);
        return this.secret;
    }
    async close() {
        await Promise.all(this.readers.splice(0).map((reader) => reader.close()));
    }
    runInline(statement, deadline) {
        if (Date.now() > deadline)
            throw new QueryTimeoutError();
        const prepared = this.prepare(statement.sql);
        this.deadline = deadline;
        try {
            return prepared.all(...statement.params);
        }
        finally {
            this.deadline = Number.POSITIVE_INFINITY;
        }
    }
    prepare(sql) {
        let statement = this.statements.get(sql);
        if (statement) {
            this.statements.delete(sql);
        }
        else {
            statement = this.db.prepare(sql).raw(true);
            if (this.statements.size >= statementCacheSize)
                this.statements.delete(this.statements.keys().next().value);
        }
        this.statements.set(sql, statement);
        return statement;
    }
    /** The least busy reader, starting one while fewer than configured exist. */
    reader() {
        const idle = this.readers.find((reader) => reader.pending === 0);
        if (idle)
            return idle;
        if (this.readers.length < this.workerCount) {
            const reader = new ReaderThread(this.db.name, this.graceMs);
            this.readers.push(reader);
            return reader;
        }
        return this.readers.reduce((best, reader) => (reader.pending < best.pending ? reader : best));
    }
}
/** One background reader: a worker thread with its own connection, running one statement at a time. */
class ReaderThread {
    file;
    graceMs;
    worker;
    queue = [];
    current = null;
    watchdog = null;
    constructor(file, graceMs) {
        this.file = file;
        this.graceMs = graceMs;
        this.worker = this.spawn();
    }
    get pending() {
        return this.queue.length + (this.current ? 1 : 0);
    }
    run(statement, deadline) {
        return new Promise((resolve, reject) => {
            this.queue.push({ statement, deadline, resolve, reject });
            this.next();
        });
    }
    async close() {
        for (const job of this.queue.splice(0))
            job.reject(new Error("the query runner is closed"));
        this.current?.reject(new Error("the query runner is closed"));
        this.current = null;
        if (this.watchdog)
            clearTimeout(this.watchdog);
        await this.worker.terminate();
    }
    spawn() {
        const worker = new Worker(readerSource, {
            eval: true,
            workerData: { file: this.file, driver: driverPath, tick: queryTickFunction },
        });
        worker.unref();
        worker.on("message", (reply) => this.settle(reply));
        worker.on("error", (error) => this.fail(error));
        return worker;
    }
    next() {
        if (this.current)
            return;
        const job = this.queue.shift();
        if (!job)
            return;
        if (Date.now() > job.deadline) {
            job.reject(new QueryTimeoutError());
            this.next();
            return;
        }
        this.current = job;
        this.worker.ref();
        this.worker.postMessage({ sql: job.statement.sql, params: job.statement.params, deadline: job.deadline });
        this.watchdog = setTimeout(() => this.replace(), Math.max(0, job.deadline - Date.now()) + this.graceMs);
        this.watchdog.unref();
    }
    settle(reply) {
        const job = this.finish();
        if (!job)
            return;
        if ("rows" in reply)
            job.resolve(reply.rows);
        else
            job.reject(reply.error.timeout ? new QueryTimeoutError() : readerError(reply.error));
        this.next();
    }
    fail(error) {
        this.finish()?.reject(error);
        this.worker = this.spawn();
        this.next();
    }
    /** The thread is stuck in a statement that cannot tick: abandon it and carry on with a new one. */
    replace() {
        const job = this.finish();
        const stuck = this.worker;
        stuck.removeAllListeners();
        stuck.on("error", () => { });
        void stuck.terminate();
        this.worker = this.spawn();
        job?.reject(new QueryTimeoutError());
        this.next();
    }
    finish() {
        if (this.watchdog)
            clearTimeout(this.watchdog);
        this.watchdog = null;
        const job = this.current;
        this.current = null;
        if (this.queue.length === 0)
            this.worker.unref();
        return job;
    }
}
/** A reader thread's failure as an Error with the SQLite code, as the main connection would throw it. */
function readerError(error) {
    const failure = new Error(error.message);
    if (error.code !== null)
        failure.code = error.code;
    return failure;
}
const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");
/** The reader thread's code, plain CommonJS so it runs the same from sources (tests) and from the build. */
const readerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
db.pragma("query_only = ON");
db.pragma("cache_size = -65536");
let deadline = Infinity;
const timeout = "doppel-query-timeout";
db.function(workerData.tick, { deterministic: false }, () => {
  if (Date.now() > deadline) throw new Error(timeout);
  return 1;
});
const statements = new Map();
function prepare(sql) {
  let statement = statements.get(sql);
  if (statement) {
    statements.delete(sql);
  } else {
    statement = db.prepare(sql).raw(true);
    if (statements.size >= ${statementCacheSize}) statements.delete(statements.keys().next().value);
  }
  statements.set(sql, statement);
  return statement;
}
parentPort.on("message", (job) => {
  deadline = job.deadline;
  try {
    parentPort.postMessage({ rows: prepare(job.sql).all(...job.params) });
  } catch (error) {
    const message = String(error && error.message);
    const code = error && typeof error.code === "string" ? error.code : null;
    parentPort.postMessage({ error: { message, code, timeout: message === timeout } });
  } finally {
    deadline = Infinity;
  }
});
`;
//# sourceMappingURL=sqliteQueryRunner.js.map