import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite/openSqlite.js";
import { WalCheckpointer } from "../../src/store/sqlite/walCheckpointer.js";

let dir: string;
let db: SqliteDatabase;
let checkpointer: WalCheckpointer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "doppel-walckpt-"));
  db = openSqlite(join(dir, "doppel.db"));
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
});
afterEach(() => {
  checkpointer?.close();
  checkpointer = undefined;
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One write transaction of `rows` rows of 1 KB (four to a 4 KB page). */
function write(rows: number, from = 0): void {
  const insert = db.prepare("INSERT OR REPLACE INTO t (id, v) VALUES (?, ?)");
  db.transaction(() => {
    for (let i = from; i < from + rows; i++) insert.run(i, "x".repeat(1000));
  })();
}

/** Frames in the WAL now (a PASSIVE checkpoint reports it; on a fully checkpointed WAL it copies nothing). */
function walFrames(): number {
  return (db.pragma("wal_checkpoint(PASSIVE)") as { log: number }[])[0]!.log;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("WalCheckpointer", () => {
  it("is not used without a WAL file", () => {
    const memory = openSqlite(":memory:");
    expect(WalCheckpointer.for(memory)).toBeUndefined();
    memory.close();
  });

  it("turns automatic checkpoints off on the writer and checkpoints on its thread, so the WAL starts over", async () => {
    checkpointer = WalCheckpointer.for(db, { intervalMs: 5, holdFromFrames: 1_000_000 })!;
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    write(300);
    // Once the thread has copied everything, the next commit writes from the start of the WAL.
    await until(() => {
      write(1, 10_000);
      return walFrames() < 10;
    }, "the WAL restarts");
  });

  it("without it, a writer with automatic checkpoints off lets the WAL grow", async () => {
    db.pragma("wal_autocheckpoint = 0");
    write(300);
    await new Promise((resolve) => setTimeout(resolve, 50));
    write(1, 10_000);
    expect(walFrames()).toBeGreaterThan(75);
  });

  it("asks the writer to hold once the WAL is large, and lets go after copying the rest", async () => {
    checkpointer = WalCheckpointer.for(db, { intervalMs: 5, holdFromFrames: 50 })!;
    write(200);
    await until(() => checkpointer!.shouldHold(), "the thread asks to hold");
    const started = Date.now();
    await new Promise<void>((resolve) => checkpointer!.hold(resolve));
    expect(Date.now() - started).toBeLessThan(250);
    expect(checkpointer.shouldHold()).toBe(false);
    // Everything was checkpointed while held: this commit starts the WAL over.
    write(1, 10_000);
    expect(walFrames()).toBeLessThan(10);
  });

  it("closes its connection first, so the writer's close is the last and removes the WAL", () => {
    checkpointer = WalCheckpointer.for(db, { intervalMs: 5 })!;
    write(10);
    checkpointer.close();
    checkpointer = undefined;
    db.close();
    expect(existsSync(join(dir, "doppel.db-wal"))).toBe(false);
  });

  it("goes back to automatic checkpoints when its thread dies", async () => {
    checkpointer = WalCheckpointer.for(db, { intervalMs: 5 })!;
    const thread = (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await thread.terminate();
    await until(() => db.pragma("wal_autocheckpoint", { simple: true }) === 1000, "automatic checkpoints are back");
    expect(checkpointer.shouldHold()).toBe(false);
  });
});
