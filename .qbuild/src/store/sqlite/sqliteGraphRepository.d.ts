import type { CommitBatch, CommitResult, GraphRepository, IncomingPageRequest, IncomingRelationshipRow, RelationshipPageRequest, StoredRelationship, StoredTwin } from "../ports/graphRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";
import type { SqliteOutboxRepository } from "./sqliteOutboxRepository.js";
/**
 * Twins and relationships in SQLite, with group commit: every batch handed to `commit` during one
 * turn of the event loop is applied in a single transaction (each batch in its own savepoint, so
 * a failed precondition rolls back only that batch), then made durable with one WAL sync. This
 * keeps `synchronous = FULL` (a 2xx survives power loss) at thousands of writes per second.
 */
export declare class SqliteGraphRepository implements GraphRepository {
    private readonly db;
    private readonly outbox?;
    private pending;
    private flushScheduled;
    private readonly s;
    private readonly applyBatchInSavepoint;
    constructor(db: SqliteDatabase, outbox?: SqliteOutboxRepository | undefined);
    getTwin(id: string): Promise<StoredTwin | undefined>;
    getRelationship(sourceId: string, id: string): Promise<StoredRelationship | undefined>;
    listRelationships(sourceId: string, page: RelationshipPageRequest): Promise<StoredRelationship[]>;
    listIncoming(targetId: string, page: IncomingPageRequest): Promise<IncomingRelationshipRow[]>;
    relationshipsOf(twinId: string): Promise<StoredRelationship[]>;
    hasRelationships(twinId: string): Promise<boolean>;
    countRelationships(sourceId: string, name: string): Promise<number>;
    commit(batch: CommitBatch): Promise<CommitResult>;
    /** Applies every pending batch in one transaction and settles their promises after the commit. */
    private flush;
    private applyBatch;
    private preconditionHolds;
    private currentEtag;
    private applyWrite;
    private checkHolds;
}
