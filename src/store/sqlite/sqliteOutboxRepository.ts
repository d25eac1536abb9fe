import type { Statement } from "better-sqlite3";
import type { OutboxRecord, OutboxRepository } from "../ports/outboxRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";

interface OutboxRow {
  seq: number;
  twin_id: string | null;
  type: string;
  event: string;
  created_at: number;
}

export class SqliteOutboxRepository implements OutboxRepository {
  private readonly listeners = new Set<(lastSeq: number) => void>();
  private readonly readStatement: Statement<[number, number], OutboxRow>;
  private readonly lastSeqStatement: Statement<[], { seq: number }>;
  private readonly trimStatement: Statement<[number]>;

  constructor(db: SqliteDatabase) {
    this.readStatement = db.prepare(
      "SELECT seq, twin_id, type, event, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
    );
    // sqlite_sequence keeps the AUTOINCREMENT high-water mark, so it survives a trim.
    this.lastSeqStatement = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
    this.trimStatement = db.prepare("DELETE FROM outbox WHERE seq <= ?");
  }

  async readAfter(afterSeq: number, limit: number): Promise<OutboxRecord[]> {
    return this.readStatement.all(afterSeq, limit).map((row) => ({
      seq: row.seq,
      twinId: row.twin_id,
      type: row.type,
      event: row.event,
      createdAt: row.created_at,
    }));
  }

  async lastSeq(): Promise<number> {
    return this.lastSeqStatement.get()?.seq ?? 0;
  }

  async trim(throughSeq: number): Promise<number> {
    return this.trimStatement.run(throughSeq).changes;
  }

  onAppend(listener: (lastSeq: number) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Called by the graph repository after a commit that appended events. */
  notifyAppended(lastSeq: number): void {
    for (const listener of this.listeners) listener(lastSeq);
  }
}
