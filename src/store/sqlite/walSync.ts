import { closeSync, fdatasync, fdatasyncSync, openSync } from "node:fs";
import type { SqliteDatabase } from "./openSqlite.js";

export interface WalSyncOptions {
  /**
   * Least time between the starts of two syncs. Under load, requests arriving within it share
   * one sync (fewer syncs, each costing the kernel ~50–80 µs of CPU); an isolated write still
   * starts its sync at once.
   */
  readonly minGapMs?: number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Makes the graph's group commits durable without blocking the event loop. With
 * `synchronous = FULL` SQLite fsyncs the WAL inside COMMIT, on the event loop; on a slow disk that
 * wait caps every write. Instead the group commit runs at NORMAL (frames written, not synced) and
 * this syncs the WAL file on the thread pool before any of the group's writes is answered: what
 * a client sees acknowledged is on disk exactly as with FULL, and the event loop plans the next
 * group meanwhile. Concurrent requests share one sync (each waits for a sync that started after
 * its commit). `fdatasync` is enough (SQLite itself syncs its WAL that way on Linux): it also
 * writes the metadata needed to read the data back, such as the file's size.
 *
 * Used only when the connection is file-backed, in WAL mode and configured FULL (or EXTRA); other
 * writers on the connection keep the configured level.
 */
export class WalSync {
  private fd: number | undefined;
  private running = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private waiting: Waiter[] = [];
  private readonly toConfigured: string;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly walFile: string,
    configured: number,
    private readonly minGapMs: number,
  ) {
    this.toConfigured = `PRAGMA synchronous = ${configured}`;
  }

  /** Undefined when the connection does not need it (memory, not WAL, or not FULL). */
  static for(db: SqliteDatabase, options: WalSyncOptions = {}): WalSync | undefined {
    if (db.memory || db.name === "" || db.name === ":memory:") return undefined;
    const mode = String(db.pragma("journal_mode", { simple: true })).toLowerCase();
    const level = Number(db.pragma("synchronous", { simple: true }));
    if (mode !== "wal" || level < 2) return undefined;
    return new WalSync(db, `${db.name}-wal`, level, options.minGapMs ?? 1);
  }

  /** Runs a write transaction without the in-COMMIT fsync; follow it with `durable()`. */
  unsynced<T>(work: () => T): T {
    // `exec`, not a prepared statement: SQLite applies this pragma when it compiles it, so a
    // prepared one would do nothing when run again (and `db.pragma()` costs four times as much).
    this.db.exec("PRAGMA synchronous = NORMAL");
    try {
      return work();
    } finally {
      this.db.exec(this.toConfigured);
    }
  }

  /** Resolves once a sync of the WAL that started after this call has completed. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.kick();
    });
  }

  /** Syncs for whoever still waits (at once, the store is closing) and releases the file. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    // A sync in flight still needs the file: it finishes the job when it completes.
    if (!this.running) this.finish();
  }

  /** Starts the next sync now, or once `minGapMs` has passed since the last one started. */
  private kick(): void {
    if (this.running || this.timer !== undefined) return;
    if (this.closed) {
      this.finish();
      return;
    }
    const wait = this.lastStart + this.minGapMs - performance.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, wait);
  }

  private run(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    this.lastStart = performance.now();
    const done = (error: unknown) => {
      this.running = false;
      settle(batch, error);
      if (this.closed) this.finish();
      else if (this.waiting.length > 0) this.kick();
    };
    try {
      this.fd ??= openSync(this.walFile, "r");
    } catch (error) {
      done(error);
      return;
    }
    fdatasync(this.fd, (error) => done(error ?? undefined));
  }

  private finish(): void {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length > 0) {
      let failure: unknown;
      try {
        this.fd ??= openSync(this.walFile, "r");
        fdatasyncSync(this.fd);
      } catch (error) {
        failure = error;
      }
      settle(batch, failure);
    }
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function settle(batch: readonly Waiter[], error: unknown): void {
  for (const waiter of batch) {
    if (error) waiter.reject(error);
    else waiter.resolve();
  }
}
