import { closeSync, fsync, openSync } from "node:fs";
import type { SqliteDatabase } from "./openSqlite.js";

/**
 * Makes the graph's group commits durable without blocking the event loop. With
 * `synchronous = FULL` SQLite fsyncs the WAL inside COMMIT, on the event loop; on a slow disk that
 * wait caps every write. Instead the group commit runs at NORMAL (frames written, not synced) and
 * this fsyncs the WAL file on the thread pool before any of the group's writes is answered: what
 * a client sees acknowledged is on disk exactly as with FULL, and the event loop plans the next
 * group meanwhile. Concurrent requests share one fsync (each waits for an fsync that started after
 * its commit).
 *
 * Used only when the connection is file-backed, in WAL mode and configured FULL (or EXTRA); other
 * writers on the connection keep the configured level.
 */
export class WalSync {
  private fd: number | undefined;
  private running = false;
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly walFile: string,
    private readonly configured: number,
  ) {}

  /** Undefined when the connection does not need it (memory, not WAL, or not FULL). */
  static for(db: SqliteDatabase): WalSync | undefined {
    if (db.memory || db.name === "" || db.name === ":memory:") return undefined;
    const mode = String(db.pragma("journal_mode", { simple: true })).toLowerCase();
    const level = Number(db.pragma("synchronous", { simple: true }));
    if (mode !== "wal" || level < 2) return undefined;
    return new WalSync(db, `${db.name}-wal`, level);
  }

  /** Runs a write transaction without the in-COMMIT fsync; follow it with `durable()`. */
  unsynced<T>(work: () => T): T {
    this.db.pragma("synchronous = NORMAL");
    try {
      return work();
    } finally {
      this.db.pragma(`synchronous = ${this.configured}`);
    }
  }

  /** Resolves once an fsync of the WAL that started after this call has completed. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.run();
    });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private run(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    const done = (error: unknown) => {
      this.running = false;
      for (const waiter of batch) {
        if (error) waiter.reject(error);
        else waiter.resolve();
      }
      if (this.waiting.length > 0) this.run();
    };
    try {
      this.fd ??= openSync(this.walFile, "r");
    } catch (error) {
      done(error);
      return;
    }
    fsync(this.fd, (error) => done(error ?? undefined));
  }
}
