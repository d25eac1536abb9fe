import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { SqliteDatabase } from "./openSqlite.js";

export interface WalCheckpointerOptions {
  /** How often the thread checkpoints (a checkpoint with nothing to copy costs next to nothing). */
  readonly intervalMs?: number;
  /**
   * WAL size (frames) from which the thread asks the writer to hold its commits while it
   * finishes a checkpoint that concurrent commits kept from completing, so the WAL restarts.
   */
  readonly holdFromFrames?: number;
}

/** Slots of the shared Int32Array the writer and the thread coordinate through. */
const slot = { hold: 0, generation: 1, command: 2, closed: 3 } as const;
const hold = { none: 0, requested: 1, held: 2 } as const;
/** The writer never waits longer than this for the thread (it would rather race it). */
const maxHoldMs = 250;

/**
 * Checkpoints the WAL on a worker thread with its own connection, so that no COMMIT on the event
 * loop ever runs one: SQLite's automatic checkpoint (every 1,000 pages, inside the COMMIT that
 * crosses the mark) syncs the WAL, copies pages and syncs the database file while the event loop
 * waits, which is where the writes' p99 spikes came from. The writer's connection runs with
 * `wal_autocheckpoint = 0`.
 *
 * A PASSIVE checkpoint never blocks the writer, but a writer that keeps committing keeps it from
 * reaching the end of the WAL, and only a checkpoint that reaches the end lets the next commit
 * start the WAL over (without that the file grows without bound and every fsync of it also
 * writes metadata). So when a checkpoint is left behind on a large WAL, the thread asks the
 * writer to hold (`shouldHold`, then `hold`): the graph's group commit stops starting
 * transactions, without blocking the event loop, while the thread copies the few frames left;
 * then it lets go. Correctness never depends on the hold: a checkpoint racing a commit is safe,
 * it only copies less.
 *
 * Durability is unchanged: the checkpoint syncs the WAL before copying and the database file
 * after (the thread's connection runs at `synchronous = FULL`), exactly as an automatic one.
 *
 * If the thread cannot start or dies, the connection goes back to automatic checkpoints.
 */
export class WalCheckpointer {
  private readonly state: Int32Array;
  private readonly worker: Worker;
  private waiter: { generation: number; resume: () => void; timer: NodeJS.Timeout } | null = null;
  private alive = true;

  private constructor(
    private readonly db: SqliteDatabase,
    options: WalCheckpointerOptions,
  ) {
    this.state = new Int32Array(new SharedArrayBuffer(4 * 4));
    this.worker = new Worker(checkpointerSource, {
      eval: true,
      workerData: {
        file: db.name,
        driver: driverPath,
        shared: this.state.buffer,
        intervalMs: options.intervalMs ?? 100,
        // 16,384 frames (64 MiB of 4 KiB pages): each hold stalls every write for a copy and two
        // syncs, so fewer of them; a large WAL costs readers nothing once checkpointed (a read
        // searches only frames past the checkpoint).
        holdFromFrames: options.holdFromFrames ?? 16_384,
        slot,
        hold,
      },
    });
    this.worker.unref();
    this.worker.on("message", (generation: number) => this.released(generation));
    this.worker.on("error", () => this.fallBack());
    this.worker.on("exit", () => this.fallBack());
    db.pragma("wal_autocheckpoint = 0");
  }

  /** Undefined when the connection has no WAL file to checkpoint (in memory, or not in WAL mode). */
  static for(db: SqliteDatabase, options: WalCheckpointerOptions = {}): WalCheckpointer | undefined {
    if (db.memory || db.name === "" || db.name === ":memory:") return undefined;
    if (String(db.pragma("journal_mode", { simple: true })).toLowerCase() !== "wal") return undefined;
    return new WalCheckpointer(db, options);
  }

  /** True when the thread asks the writer not to start a transaction now. */
  shouldHold(): boolean {
    return this.alive && Atomics.load(this.state, slot.hold) !== hold.none;
  }

  /**
   * Holds: tells the thread it may finish its checkpoint and calls `resume` once it is done (or
   * after `maxHoldMs` at most). One hold at a time: the caller holds its own flush.
   */
  hold(resume: () => void): void {
    if (this.waiter !== null) throw new Error("WalCheckpointer: already holding");
    const generation = Atomics.load(this.state, slot.generation);
    const timer = setTimeout(() => this.release(), maxHoldMs);
    this.waiter = { generation, resume, timer };
    Atomics.compareExchange(this.state, slot.hold, hold.requested, hold.held);
    Atomics.notify(this.state, slot.hold);
  }

  /** Stops the thread and waits (briefly) for its connection to close, so the writer's is the last. */
  close(): void {
    if (!this.alive) return;
    this.alive = false;
    this.worker.removeAllListeners("exit");
    Atomics.store(this.state, slot.command, 1);
    Atomics.notify(this.state, slot.command);
    Atomics.wait(this.state, slot.closed, 0, 2000);
    void this.worker.terminate();
    this.release();
  }

  private released(generation: number): void {
    if (this.waiter !== null && this.waiter.generation === generation) this.release();
  }

  private release(): void {
    const waiter = this.waiter;
    if (waiter === null) return;
    this.waiter = null;
    clearTimeout(waiter.timer);
    waiter.resume();
  }

  private fallBack(): void {
    if (!this.alive) return;
    this.alive = false;
    if (this.db.open) this.db.pragma("wal_autocheckpoint = 1000");
    this.release();
  }
}

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");

/** The thread's code, plain CommonJS so it runs the same from sources (tests) and from the build. */
const checkpointerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const { slot, hold } = workerData;
const state = new Int32Array(workerData.shared);
const fs = require("node:fs");
const db = new Database(workerData.file, { fileMustExist: true });
let dbFd;
function presync() {
  try {
    dbFd ??= fs.openSync(workerData.file, "r");
    fs.fdatasyncSync(dbFd);
  } catch {
    // Only an optimisation: the checkpoint itself still syncs what it copies.
  }
}
try {
  db.pragma("synchronous = FULL");
  const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  for (;;) {
    Atomics.wait(state, slot.command, 0, workerData.intervalMs);
    if (Atomics.load(state, slot.command) !== 0) break;
    // "log" is the WAL's size when the checkpoint began: it only shrinks once a commit finds the
    // whole WAL checkpointed and starts it over, which steady commits racing the thread prevent.
    const first = checkpoint.get();
    if (first.log < workerData.holdFromFrames) continue;
    // A checkpoint overtaken by commits copies pages without syncing the database file, so the
    // file has collected every page copied since the WAL last started over. Sync those now,
    // while the writer still runs, and copy what was committed meanwhile: the held checkpoint
    // below then syncs only the last few pages, which keeps the writer's hold (every write's
    // latency meanwhile) to a short copy instead of flushing megabytes.
    presync();
    checkpoint.get();
    // Large: ask the writer to hold, copy what was committed meanwhile, let go.
    const generation = Atomics.add(state, slot.generation, 1) + 1;
    Atomics.store(state, slot.hold, hold.requested);
    Atomics.wait(state, slot.hold, hold.requested, 20);
    try {
      checkpoint.get();
    } finally {
      Atomics.store(state, slot.hold, hold.none);
      parentPort.postMessage(generation);
    }
  }
} finally {
  if (dbFd !== undefined) fs.closeSync(dbFd);
  db.close();
  Atomics.store(state, slot.closed, 1);
  Atomics.notify(state, slot.closed);
}
`;
