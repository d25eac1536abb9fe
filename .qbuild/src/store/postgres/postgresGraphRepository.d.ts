import type pg from "pg";
import type { CommitBatch, CommitResult, GraphRepository, IncomingPageRequest, IncomingRelationshipRow, RelationshipPageRequest, StoredRelationship, StoredTwin } from "../ports/graphRepository.js";
import type { PostgresOutboxRepository } from "./postgresOutboxRepository.js";
/**
 * Twins and relationships in PostgreSQL. A commit is one call of `doppel_commit` (see the
 * schema): one round trip, atomic, serialised per twin across every node by advisory locks.
 * Concurrency comes from the pool: batches about different twins commit in parallel.
 */
export declare class PostgresGraphRepository implements GraphRepository {
    private readonly pool;
    private readonly lockStore;
    private readonly outbox;
    constructor(pool: pg.Pool, lockStore: number, outbox: PostgresOutboxRepository);
    getTwin(id: string): Promise<StoredTwin | undefined>;
    getRelationship(sourceId: string, id: string): Promise<StoredRelationship | undefined>;
    listRelationships(sourceId: string, page: RelationshipPageRequest): Promise<StoredRelationship[]>;
    listIncoming(targetId: string, page: IncomingPageRequest): Promise<IncomingRelationshipRow[]>;
    relationshipsOf(twinId: string): Promise<StoredRelationship[]>;
    hasRelationships(twinId: string): Promise<boolean>;
    countRelationships(sourceId: string, name: string): Promise<number>;
    commit(batch: CommitBatch): Promise<CommitResult>;
}
