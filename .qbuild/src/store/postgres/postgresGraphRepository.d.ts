import type pg from "pg";
import type { CommitBatch, CommitResult, GraphRepository, IncomingPageRequest, IncomingRelationshipRow, RelationshipPageRequest, StoredRelationship, StoredTwin } from "../ports/graphRepository.js";
import type { PostgresOutboxRepository } from "./postgresOutboxRepository.js";
/**
 * Twins and relationships in PostgreSQL. Commits go through the group committer: batches handed
 * over together share one transaction of `doppel_commit_group` (see the schema), each batch
 * atomic on its own, serialised per twin across every node by advisory locks.
 */
export declare class PostgresGraphRepository implements GraphRepository {
    private readonly pool;
    private readonly committer;
    constructor(pool: pg.Pool, lockStore: number, outbox: PostgresOutboxRepository, options?: {
        commitConcurrency?: number;
        maxBatchesPerGroup?: number;
    });
    getTwin(id: string): Promise<StoredTwin | undefined>;
    getRelationship(sourceId: string, id: string): Promise<StoredRelationship | undefined>;
    listRelationships(sourceId: string, page: RelationshipPageRequest): Promise<StoredRelationship[]>;
    listIncoming(targetId: string, page: IncomingPageRequest): Promise<IncomingRelationshipRow[]>;
    relationshipsOf(twinId: string): Promise<StoredRelationship[]>;
    hasRelationships(twinId: string): Promise<boolean>;
    countRelationships(sourceId: string, name: string): Promise<number>;
    commit(batch: CommitBatch): Promise<CommitResult>;
}
