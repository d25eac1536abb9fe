import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { twinUpdateEvent } from "../../../src/events/cloudEvents.js";
import { createSqliteStore } from "../../../src/store/sqlite/createSqliteStore.js";
import type { Store } from "../../../src/store/store.js";
import { openPostgresTestStore, postgresTestUrl } from "../../store/support/postgresTestStore.js";

/** One Twin.Update to append; `createdAt` defaults to now. */
export interface OutboxChange {
  readonly twinId: string;
  readonly value?: unknown;
  readonly createdAt?: number;
}

/**
 * The store an event suite runs on: SQLite in a fresh directory, or with `DOPPEL_TEST_STORE=postgres`
 * PostgreSQL in a fresh schema, as `startTestServer` chooses (`close()` removes either).
 */
export interface EventTestStore {
  readonly kind: "sqlite" | "postgres";
  /** Opened in this process. */
  readonly store: Store;
  /** What `doppel serve --store` takes to open the same store from another process. */
  readonly storeUrl: string;
  /**
   * Appends Twin.Update events (one per change, in order) in one transaction through a connection
   * of its own, as another process's write path would; answers their seqs. Nobody is notified.
   */
  append(changes: readonly OutboxChange[]): Promise<number[]>;
  close(): Promise<void>;
}

export function testStoreKind(): "sqlite" | "postgres" {
  return process.env.DOPPEL_TEST_STORE === "postgres" ? "postgres" : "sqlite";
}

export function openEventTestStore(): Promise<EventTestStore> {
  return testStoreKind() === "postgres" ? openPostgresEventStore() : Promise.resolve(openSqliteEventStore());
}

function openSqliteEventStore(): EventTestStore {
  const dir = mkdtempSync(join(tmpdir(), "doppel-events-"));
  const file = join(dir, "doppel.db");
  const store = createSqliteStore(file);
  const writer = new Database(file);
  writer.pragma("busy_timeout = 5000");
  const insert = writer.prepare("INSERT INTO outbox (twin_id, type, event, created_at) VALUES (?, ?, ?, ?)");
  const appendAll = writer.transaction((changes: readonly OutboxChange[]) =>
    changes.map((change) =>
      Number(
        insert.run(change.twinId, updateType, updateEvent(change), change.createdAt ?? Date.now()).lastInsertRowid,
      ),
    ),
  );
  return {
    kind: "sqlite",
    store,
    storeUrl: file,
    // Synchronous up to the returned promise: the rows are committed when append() returns.
    append: async (changes) => appendAll(changes),
    async close() {
      writer.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresEventStore(): Promise<EventTestStore> {
  const store = await openPostgresTestStore();
  const writer = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path="${store.schema}"` });
  try {
    await writer.connect();
  } catch (error) {
    await store.destroy();
    throw error;
  }
  const url = new URL(postgresTestUrl);
  url.searchParams.set("schema", store.schema);
  return {
    kind: "postgres",
    store,
    storeUrl: url.toString(),
    async append(changes) {
      await writer.query("BEGIN");
      try {
        // As doppel_commit_group does: the transaction id exists before any seq is drawn, so the
        // outbox reader waits for this transaction instead of reading past its seqs.
        await writer.query("SELECT pg_current_xact_id()");
        const drawn = await writer.query<{ seq: string }>(
          "SELECT nextval('outbox_seq')::text AS seq FROM generate_series(1, $1)",
          [changes.length],
        );
        const seqs = drawn.rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
        await writer.query(
          `INSERT INTO outbox (seq, twin_id, type, event, created_at)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[])`,
          [
            seqs,
            changes.map((change) => change.twinId),
            changes.map(() => updateType),
            changes.map(updateEvent),
            changes.map((change) => change.createdAt ?? Date.now()),
          ],
        );
        await writer.query("COMMIT");
        return seqs;
      } catch (error) {
        await writer.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    async close() {
      await writer.end();
      await store.destroy();
    },
  };
}

const updateType = "Microsoft.DigitalTwins.Twin.Update";

export function updateEvent(change: { twinId: string; value?: unknown }): string {
  return twinUpdateEvent(
    {
      source: "localhost:8443",
      traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01",
      time: "2026-01-01T00:00:00.0000000Z",
    },
    randomUUID(),
    change.twinId,
    { modelId: "dtmi:example:Room;1", patch: [{ value: change.value ?? 1, path: "/temperature", op: "replace" }] },
  );
}
