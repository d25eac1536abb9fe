import type pg from "pg";
import type { OutboxRecord, OutboxRepository } from "../ports/outboxRepository.js";
import type { ClusterSession } from "./clusterSession.js";
import type { OutboxReader } from "./outboxReader.js";
/** SQL for the last seq ever committed: the newest row, or the newest trimmed when none is left. */
export declare const lastSeqSql = "SELECT GREATEST(COALESCE((SELECT max(seq) FROM outbox), 0), (SELECT seq FROM outbox_trimmed WHERE id = 1)) AS seq";
/**
 * The outbox on PostgreSQL. Listeners hear of this node's commits at once, and of other nodes'
 * through the cluster session: after a commit the node sends one notification, coalescing the
 * commits made while one is in flight (a NOTIFY inside each write transaction would serialise
 * all commits on PostgreSQL's notification lock).
 */
export declare class PostgresOutboxRepository implements OutboxRepository {
    private readonly pool;
    private readonly reader;
    private readonly session;
    private readonly listeners;
    private sending;
    private pendingSeq;
    constructor(pool: pg.Pool, reader: OutboxReader, session: ClusterSession);
    readAfter(afterSeq: number, limit: number): Promise<OutboxRecord[]>;
    lastSeq(): Promise<number>;
    trim(throughSeq: number): Promise<number>;
    onAppend(listener: (lastSeq: number) => void): () => void;
    /** Called by the graph repository after a commit of this node that appended events. */
    notifyAppended(lastSeq: number): void;
    private tell;
    private send;
}
