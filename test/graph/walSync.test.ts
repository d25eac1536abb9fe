import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite/openSqlite.js";
import { WalSync } from "../../src/store/sqlite/walSync.js";

// Syncs the test completes by hand, to see exactly which sync each waiter is released by.
const syncs = vi.hoisted(() => ({ pending: [] as ((error: Error | null) => void)[], immediate: 0 }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    fdatasync: (_fd: number, callback: (error: Error | null) => void) => syncs.pending.push(callback),
    fdatasyncSync: () => {
      syncs.immediate++;
    },
  };
});

let dir: string;
let db: SqliteDatabase;

beforeEach(() => {
  syncs.pending = [];
  syncs.immediate = 0;
  dir = mkdtempSync(join(tmpdir(), "doppel-walsync-"));
  db = openSqlite(join(dir, "doppel.db"));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function tracked(promise: Promise<void>): { done: boolean } {
  const state = { done: false };
  void promise.then(() => {
    state.done = true;
  });
  return state;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("WalSync", () => {
  it("is only used on a file in WAL mode configured FULL", () => {
    expect(WalSync.for(db)).toBeDefined();
    const memory = openSqlite(":memory:");
    expect(WalSync.for(memory)).toBeUndefined();
    memory.close();
    db.pragma("synchronous = NORMAL");
    expect(WalSync.for(db)).toBeUndefined();
  });

  it("runs the work at NORMAL and puts the connection back to FULL", () => {
    const sync = WalSync.for(db)!;
    expect(sync.unsynced(() => db.pragma("synchronous", { simple: true }))).toBe(1);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    expect(() =>
      sync.unsynced(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    sync.close();
  });

  it("releases each waiter only after a sync that started after it asked", async () => {
    const sync = WalSync.for(db, { minGapMs: 0 })!;
    const first = tracked(sync.durable());
    expect(syncs.pending).toHaveLength(1);
    // Asked while the first sync runs: that sync may predate its commit, so it waits for the next.
    const second = tracked(sync.durable());
    const third = tracked(sync.durable());
    expect(syncs.pending).toHaveLength(1);
    syncs.pending[0]!(null);
    await settle();
    expect([first.done, second.done, third.done]).toEqual([true, false, false]);
    expect(syncs.pending).toHaveLength(2);
    syncs.pending[1]!(null);
    await settle();
    expect([second.done, third.done]).toEqual([true, true]);
    sync.close();
  });

  it("fails the waiters of a sync that fails", async () => {
    const sync = WalSync.for(db, { minGapMs: 0 })!;
    const waiting = sync.durable();
    syncs.pending[0]!(new Error("EIO"));
    await expect(waiting).rejects.toThrow("EIO");
    sync.close();
  });

  it("starts a sync at once when the last one is older than the gap, and batches within it", async () => {
    const sync = WalSync.for(db, { minGapMs: 20 })!;
    const first = tracked(sync.durable());
    expect(syncs.pending).toHaveLength(1);
    syncs.pending[0]!(null);
    await settle();
    expect(first.done).toBe(true);
    const second = tracked(sync.durable());
    const third = tracked(sync.durable());
    expect(syncs.pending).toHaveLength(1); // within the gap: not started yet
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(syncs.pending).toHaveLength(2); // one sync for both
    syncs.pending[1]!(null);
    await settle();
    expect([second.done, third.done]).toEqual([true, true]);
    sync.close();
  });

  it("syncs at once for whoever still waits when closed", async () => {
    const sync = WalSync.for(db, { minGapMs: 1000 })!;
    const first = sync.durable();
    syncs.pending[0]!(null);
    await first;
    const waiting = tracked(sync.durable());
    sync.close();
    await settle();
    expect(syncs.immediate).toBe(1);
    expect(waiting.done).toBe(true);
  });
});
