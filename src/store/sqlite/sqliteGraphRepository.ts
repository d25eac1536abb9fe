import type { Statement } from "better-sqlite3";
import type {
  CommitBatch,
  CommitResult,
  GraphCheck,
  GraphRepository,
  GraphWrite,
  IncomingPageRequest,
  IncomingRelationshipRow,
  RelationshipPageRequest,
  RowPrecondition,
  StoredRelationship,
  StoredTwin,
} from "../ports/graphRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";
import type { SqliteOutboxRepository } from "./sqliteOutboxRepository.js";
import { WalCheckpointer } from "./walCheckpointer.js";
import { WalSync } from "./walSync.js";

interface TwinRow {
  id: string;
  model_id: string;
  etag: string;
  doc: string;
}

interface RelationshipRow {
  source_id: string;
  id: string;
  name: string;
  target_id: string;
  etag: string;
  doc: string;
}

interface PendingCommit {
  readonly batch: CommitBatch;
  readonly resolve: (result: CommitResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: CommitResult } | { ok: false; error: unknown };

/** Thrown inside a batch's savepoint to roll back just that batch. */
class BatchRejected {
  constructor(readonly result: CommitResult & { ok: false }) {}
}

/**
 * Twins and relationships in SQLite, with group commit: every batch handed to `commit` during one
 * turn of the event loop is applied in a single transaction (each batch in its own savepoint, so
 * a failed precondition rolls back only that batch), then made durable with one WAL sync. This
 * keeps `synchronous = FULL` (a 2xx survives power loss) at thousands of writes per second.
 */
export class SqliteGraphRepository implements GraphRepository {
  private pending: PendingCommit[] = [];
  private flushScheduled = false;

  private readonly s: ReturnType<typeof prepareStatements>;
  private readonly applyBatchInSavepoint: (batch: CommitBatch) => CommitResult;
  /** One transaction for a whole group (made once: a transaction function is costly to build). */
  private readonly applyGroup: (group: readonly PendingCommit[], outcomes: Outcome[]) => number;
  private readonly walSync: WalSync | undefined;
  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(
    // biome-ignore lint/correctness/noUnusedPrivateClassMembers: tests probe the connection's synchronous level
    private readonly db: SqliteDatabase,
    private readonly outbox?: SqliteOutboxRepository,
  ) {
    this.s = prepareStatements(db);
    this.applyBatchInSavepoint = db.transaction((batch: CommitBatch) => this.applyBatch(batch));
    this.applyGroup = db.transaction((group: readonly PendingCommit[], outcomes: Outcome[]) =>
      this.applyGroupBatches(group, outcomes),
    );
    this.walSync = WalSync.for(db);
    this.checkpointer = WalCheckpointer.for(db);
  }

  /** Stops the checkpoint thread and releases the WAL file handle (the store closes the database). */
  close(): void {
    this.checkpointer?.close();
    this.walSync?.close();
  }

  async getTwin(id: string): Promise<StoredTwin | undefined> {
    const row = this.s.getTwin.get(id);
    return row === undefined ? undefined : { id: row.id, modelId: row.model_id, etag: row.etag, doc: row.doc };
  }

  async getRelationship(sourceId: string, id: string): Promise<StoredRelationship | undefined> {
    const row = this.s.getRelationship.get(sourceId, id);
    return row === undefined ? undefined : toRelationship(row);
  }

  async listRelationships(sourceId: string, page: RelationshipPageRequest): Promise<StoredRelationship[]> {
    const after = page.afterId ?? "";
    const rows =
      page.name === undefined
        ? this.s.listOutgoing.all(sourceId, after, page.limit)
        : this.s.listOutgoingByName.all(sourceId, page.name, after, page.limit);
    return rows.map(toRelationship);
  }

  async listIncoming(targetId: string, page: IncomingPageRequest): Promise<IncomingRelationshipRow[]> {
    const rows =
      page.after === undefined
        ? this.s.listIncomingFirst.all(targetId, page.limit)
        : this.s.listIncomingAfter.all(targetId, page.after.sourceId, page.after.sourceId, page.after.id, page.limit);
    return rows.map((row) => ({ sourceId: row.source_id, id: row.id, name: row.name }));
  }

  async relationshipsOf(twinId: string): Promise<StoredRelationship[]> {
    return this.s.relationshipsOf.all({ id: twinId }).map(toRelationship);
  }

  async hasRelationships(twinId: string): Promise<boolean> {
    return this.s.anyOutgoing.get(twinId) !== undefined || this.s.anyIncoming.get(twinId) !== undefined;
  }

  async countRelationships(sourceId: string, name: string): Promise<number> {
    return this.s.countByName.get(sourceId, name)?.n ?? 0;
  }

  commit(batch: CommitBatch): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ batch, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Applies every pending batch in one transaction and settles their promises once it is durable:
   * after COMMIT on a FULL connection without a file, or after the off-loop WAL fsync (`WalSync`).
   */
  private flush(): void {
    // The checkpoint thread is finishing a checkpoint: start no transaction until it is done.
    // `flushScheduled` stays set meanwhile, so new batches just queue up for the next group.
    if (this.checkpointer?.shouldHold()) {
      this.checkpointer.hold(() => this.flush());
      return;
    }
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    const outcomes: Outcome[] = [];
    let lastSeq: number;
    try {
      lastSeq =
        this.walSync === undefined
          ? this.applyGroup(group, outcomes)
          : this.walSync.unsynced(() => this.applyGroup(group, outcomes));
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    const settle = () => {
      for (let i = 0; i < group.length; i++) {
        const outcome = outcomes[i]!;
        if (outcome.ok) group[i]!.resolve(outcome.result);
        else group[i]!.reject(outcome.error);
      }
      if (lastSeq > 0) this.outbox?.notifyAppended(lastSeq);
    };
    if (this.walSync === undefined) settle();
    else
      this.walSync.durable().then(settle, (error: unknown) => {
        for (const item of group) item.reject(error);
      });
  }

  /** Each batch in its own savepoint; returns the highest outbox seq appended. */
  private applyGroupBatches(group: readonly PendingCommit[], outcomes: Outcome[]): number {
    let lastSeq = 0;
    for (const item of group) {
      try {
        const result = this.applyBatchInSavepoint(item.batch);
        if (result.ok && result.seq > lastSeq) lastSeq = result.seq;
        outcomes.push({ ok: true, result });
      } catch (error) {
        if (error instanceof BatchRejected) outcomes.push({ ok: true, result: error.result });
        else outcomes.push({ ok: false, error });
      }
    }
    return lastSeq;
  }

  private applyBatch(batch: CommitBatch): CommitResult {
    const now = Date.now();
    let seq = 0;
    for (const event of batch.events) {
      seq = Number(this.s.appendEvent.run(event.twinId, event.type, event.event, now).lastInsertRowid);
    }
    const { writes, checks } = batch;
    for (let index = 0; index < writes.length; index++) {
      if (!this.writeIfPreconditionHolds(writes[index]!, seq))
        throw new BatchRejected({ ok: false, failed: { write: index } });
    }
    for (let index = 0; index < checks.length; index++) {
      if (!this.checkHolds(checks[index]!)) throw new BatchRejected({ ok: false, failed: { check: index } });
    }
    return { ok: true, seq };
  }

  /**
   * Applies the write if its precondition holds. The common twin writes check and write in one
   * statement (an UPDATE or INSERT that matches the expected state, then its change count);
   * the others read the current etag first.
   */
  private writeIfPreconditionHolds(write: GraphWrite, seq: number): boolean {
    if (write.op === "putTwin" && write.expect.kind === "absent") {
      const t = write.twin;
      return this.s.insertTwinIfAbsent.run(t.id, t.modelId, t.etag, t.doc, seq).changes === 1;
    }
    if (write.op === "putTwin" && write.expect.kind === "etag") {
      const t = write.twin;
      const expected = write.expect.etag;
      // Setting model_id rewrites its index entry even when the value is the same (a third more
      // WAL pages per twin write): only a write that changes the model pays for that.
      if (this.s.updateTwinSameModelIfEtag.run(t.etag, t.doc, seq, t.id, expected, t.modelId).changes === 1)
        return true;
      return this.s.updateTwinIfEtag.run(t.modelId, t.etag, t.doc, seq, t.id, expected).changes === 1;
    }
    if (!this.preconditionHolds(write)) return false;
    this.applyWrite(write, seq);
    return true;
  }

  private preconditionHolds(write: GraphWrite): boolean {
    const current = this.currentEtag(write);
    return satisfies(write.expect, current);
  }

  private currentEtag(write: GraphWrite): string | undefined {
    switch (write.op) {
      case "putTwin":
        return write.expect.kind === "any" ? undefined : this.s.twinEtag.get(write.twin.id)?.etag;
      case "deleteTwin":
        return write.expect.kind === "any" ? undefined : this.s.twinEtag.get(write.id)?.etag;
      case "putRelationship":
        return write.expect.kind === "any"
          ? undefined
          : this.s.relationshipEtag.get(write.relationship.sourceId, write.relationship.id)?.etag;
      case "deleteRelationship":
        return write.expect.kind === "any" ? undefined : this.s.relationshipEtag.get(write.sourceId, write.id)?.etag;
    }
  }

  private applyWrite(write: GraphWrite, seq: number): void {
    switch (write.op) {
      case "putTwin": {
        const t = write.twin;
        this.s.putTwin.run(t.id, t.modelId, t.etag, t.doc, seq);
        return;
      }
      case "deleteTwin":
        this.s.deleteTwin.run(write.id);
        return;
      case "putRelationship": {
        const r = write.relationship;
        this.s.putRelationship.run(r.sourceId, r.id, r.name, r.targetId, r.etag, r.doc);
        return;
      }
      case "deleteRelationship":
        this.s.deleteRelationship.run(write.sourceId, write.id);
        return;
    }
  }

  private checkHolds(check: GraphCheck): boolean {
    switch (check.check) {
      case "twinExists": {
        const row = this.s.twinModel.get(check.id);
        return row !== undefined && (check.modelId === undefined || row.model_id === check.modelId);
      }
      case "noRelationships":
        return this.s.anyOutgoing.get(check.twinId) === undefined && this.s.anyIncoming.get(check.twinId) === undefined;
      case "relationshipCountAtMost":
        return (this.s.countByName.get(check.sourceId, check.name)?.n ?? 0) <= check.max;
    }
  }
}

function satisfies(expect: RowPrecondition, currentEtag: string | undefined): boolean {
  switch (expect.kind) {
    case "any":
      return true;
    case "absent":
      return currentEtag === undefined;
    case "present":
      return currentEtag !== undefined;
    case "etag":
      return currentEtag === expect.etag;
  }
}

function toRelationship(row: RelationshipRow): StoredRelationship {
  return {
    sourceId: row.source_id,
    id: row.id,
    name: row.name,
    targetId: row.target_id,
    etag: row.etag,
    doc: row.doc,
  };
}

function prepareStatements(db: SqliteDatabase) {
  const relationshipColumns = "source_id, id, name, target_id, etag, doc";
  return {
    getTwin: db.prepare("SELECT id, model_id, etag, doc FROM twins WHERE id = ?") as Statement<[string], TwinRow>,
    twinEtag: db.prepare("SELECT etag FROM twins WHERE id = ?") as Statement<[string], { etag: string }>,
    twinModel: db.prepare("SELECT model_id FROM twins WHERE id = ?") as Statement<[string], { model_id: string }>,
    putTwin: db.prepare(
      `INSERT INTO twins (id, model_id, etag, doc, updated_seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET model_id = excluded.model_id, etag = excluded.etag, doc = excluded.doc,
         updated_seq = excluded.updated_seq`,
    ) as Statement<[string, string, string, string, number]>,
    updateTwinSameModelIfEtag: db.prepare(
      "UPDATE twins SET etag = ?, doc = ?, updated_seq = ? WHERE id = ? AND etag = ? AND model_id = ?",
    ) as Statement<[string, string, number, string, string, string]>,
    updateTwinIfEtag: db.prepare(
      "UPDATE twins SET model_id = ?, etag = ?, doc = ?, updated_seq = ? WHERE id = ? AND etag = ?",
    ) as Statement<[string, string, string, number, string, string]>,
    insertTwinIfAbsent: db.prepare(
      `INSERT INTO twins (id, model_id, etag, doc, updated_seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ) as Statement<[string, string, string, string, number]>,
    deleteTwin: db.prepare("DELETE FROM twins WHERE id = ?") as Statement<[string]>,
    getRelationship: db.prepare(
      `SELECT ${relationshipColumns} FROM relationships WHERE source_id = ? AND id = ?`,
    ) as Statement<[string, string], RelationshipRow>,
    relationshipEtag: db.prepare("SELECT etag FROM relationships WHERE source_id = ? AND id = ?") as Statement<
      [string, string],
      { etag: string }
    >,
    putRelationship: db.prepare(
      `INSERT INTO relationships (source_id, id, name, target_id, etag, doc) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id, id) DO UPDATE SET name = excluded.name, target_id = excluded.target_id,
         etag = excluded.etag, doc = excluded.doc`,
    ) as Statement<[string, string, string, string, string, string]>,
    deleteRelationship: db.prepare("DELETE FROM relationships WHERE source_id = ? AND id = ?") as Statement<
      [string, string]
    >,
    listOutgoing: db.prepare(
      `SELECT ${relationshipColumns} FROM relationships WHERE source_id = ? AND id > ? ORDER BY id LIMIT ?`,
    ) as Statement<[string, string, number], RelationshipRow>,
    listOutgoingByName: db.prepare(
      `SELECT ${relationshipColumns} FROM relationships WHERE source_id = ? AND name = ? AND id > ? ORDER BY id LIMIT ?`,
    ) as Statement<[string, string, string, number], RelationshipRow>,
    listIncomingFirst: db.prepare(
      "SELECT source_id, id, name FROM relationships WHERE target_id = ? ORDER BY source_id, id LIMIT ?",
    ) as Statement<[string, number], Pick<RelationshipRow, "source_id" | "id" | "name">>,
    listIncomingAfter: db.prepare(
      `SELECT source_id, id, name FROM relationships
       WHERE target_id = ? AND (source_id > ? OR (source_id = ? AND id > ?))
       ORDER BY source_id, id LIMIT ?`,
    ) as Statement<[string, string, string, string, number], Pick<RelationshipRow, "source_id" | "id" | "name">>,
    relationshipsOf: db.prepare(
      `SELECT ${relationshipColumns}, 0 AS incoming FROM relationships WHERE source_id = @id
       UNION ALL
       SELECT ${relationshipColumns}, 1 AS incoming FROM relationships WHERE target_id = @id AND source_id <> @id
       ORDER BY incoming, source_id, id`,
    ) as Statement<[{ id: string }], RelationshipRow>,
    anyOutgoing: db.prepare("SELECT 1 AS x FROM relationships WHERE source_id = ? LIMIT 1") as Statement<
      [string],
      { x: number }
    >,
    anyIncoming: db.prepare("SELECT 1 AS x FROM relationships WHERE target_id = ? LIMIT 1") as Statement<
      [string],
      { x: number }
    >,
    countByName: db.prepare("SELECT COUNT(*) AS n FROM relationships WHERE source_id = ? AND name = ?") as Statement<
      [string, string],
      { n: number }
    >,
    appendEvent: db.prepare("INSERT INTO outbox (twin_id, type, event, created_at) VALUES (?, ?, ?, ?)") as Statement<
      [string, string, string, number]
    >,
  };
}
