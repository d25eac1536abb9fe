import type { OutboxRecord, OutboxRepository } from "../ports/outboxRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";
export declare class SqliteOutboxRepository implements OutboxRepository {
    private readonly listeners;
    private readonly readStatement;
    private readonly lastSeqStatement;
    private readonly trimStatement;
    constructor(db: SqliteDatabase);
    readAfter(afterSeq: number, limit: number): Promise<OutboxRecord[]>;
    lastSeq(): Promise<number>;
    trim(throughSeq: number): Promise<number>;
    onAppend(listener: (lastSeq: number) => void): () => void;
    /** Called by the graph repository after a commit that appended events. */
    notifyAppended(lastSeq: number): void;
}
