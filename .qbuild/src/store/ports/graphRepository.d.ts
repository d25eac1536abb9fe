/**
 * Persistence of twins and relationships: the storage half of the one write path. Owned by `src/graph`.
 *
 * Reads return documents as the JSON text GET answers with, so a read is one row fetch and no
 * re-serialisation. Every change goes through `commit`: a batch of row writes guarded by
 * compare-and-swap preconditions, post-conditions over the graph, and the outbox events of the
 * change, applied atomically (all or nothing) in one store transaction. Adapters that run on many
 * nodes (PostgreSQL) implement the same contract with row locks; callers retry a conflicted
 * unconditional write after reloading.
 */
export interface StoredTwin {
    readonly id: string;
    readonly modelId: string;
    /** `W/"<uuid>"`, as in the `ETag` header and `$etag`. */
    readonly etag: string;
    /** The twin JSON exactly as GET returns it (newest api-version). */
    readonly doc: string;
}
export interface StoredRelationship {
    readonly sourceId: string;
    readonly id: string;
    readonly name: string;
    readonly targetId: string;
    readonly etag: string;
    /** The relationship JSON exactly as GET returns it. */
    readonly doc: string;
}
/** One row of the incoming-relationship index. */
export interface IncomingRelationshipRow {
    readonly sourceId: string;
    readonly id: string;
    readonly name: string;
}
/**
 * What the stored row must look like for a write to apply: `absent` (must not exist),
 * `present` (must exist, any etag), `etag` (must exist with exactly this etag) or `any`.
 */
export type RowPrecondition = {
    readonly kind: "any";
} | {
    readonly kind: "absent";
} | {
    readonly kind: "present";
} | {
    readonly kind: "etag";
    readonly etag: string;
};
export type GraphWrite = {
    readonly op: "putTwin";
    readonly twin: StoredTwin;
    readonly expect: RowPrecondition;
} | {
    readonly op: "deleteTwin";
    readonly id: string;
    readonly expect: RowPrecondition;
} | {
    readonly op: "putRelationship";
    readonly relationship: StoredRelationship;
    readonly expect: RowPrecondition;
} | {
    readonly op: "deleteRelationship";
    readonly sourceId: string;
    readonly id: string;
    readonly expect: RowPrecondition;
};
/** Conditions over the graph, evaluated after the batch's writes, inside its transaction. */
export type GraphCheck = 
/** The twin exists (and, when `modelId` is given, still has that model). */
{
    readonly check: "twinExists";
    readonly id: string;
    readonly modelId?: string;
}
/** The twin has no incoming and no outgoing relationship. */
 | {
    readonly check: "noRelationships";
    readonly twinId: string;
}
/** The source twin has at most `max` relationships of this name. */
 | {
    readonly check: "relationshipCountAtMost";
    readonly sourceId: string;
    readonly name: string;
    readonly max: number;
};
/** An event to append to the outbox in the same transaction as the writes. */
export interface NewOutboxEvent {
    /** Ordering key: the twin the event is about (the source twin for relationships). */
    readonly twinId: string;
    /** The CloudEvents `type`. */
    readonly type: string;
    /** The CloudEvent as JSON text. */
    readonly event: string;
}
export interface CommitBatch {
    readonly writes: readonly GraphWrite[];
    readonly checks: readonly GraphCheck[];
    readonly events: readonly NewOutboxEvent[];
}
export type CommitResult = 
/** `seq`: the outbox sequence number of the batch's last event (0 when it had none). */
{
    readonly ok: true;
    readonly seq: number;
}
/** Nothing was written: a precondition (`write` index) or a check (`check` index) failed. */
 | {
    readonly ok: false;
    readonly failed: {
        readonly write: number;
    } | {
        readonly check: number;
    };
};
export interface RelationshipPageRequest {
    /** Only relationships with this name. */
    readonly name?: string;
    /** Resume after this relationship id (exclusive). */
    readonly afterId?: string;
    readonly limit: number;
}
export interface IncomingPageRequest {
    /** Resume after this (source id, relationship id) pair (exclusive). */
    readonly after?: {
        readonly sourceId: string;
        readonly id: string;
    };
    readonly limit: number;
}
export interface GraphRepository {
    getTwin(id: string): Promise<StoredTwin | undefined>;
    getRelationship(sourceId: string, id: string): Promise<StoredRelationship | undefined>;
    /** Outgoing relationships ordered by id. */
    listRelationships(sourceId: string, page: RelationshipPageRequest): Promise<StoredRelationship[]>;
    /** Incoming relationships ordered by (source id, id). */
    listIncoming(targetId: string, page: IncomingPageRequest): Promise<IncomingRelationshipRow[]>;
    /** Every relationship the twin is the source or the target of (outgoing first). */
    relationshipsOf(twinId: string): Promise<StoredRelationship[]>;
    hasRelationships(twinId: string): Promise<boolean>;
    countRelationships(sourceId: string, name: string): Promise<number>;
    /** Applies the batch atomically, or nothing of it. */
    commit(batch: CommitBatch): Promise<CommitResult>;
}
