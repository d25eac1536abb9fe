/**
 * The transactional outbox, read by event delivery and live streams. Only the graph write path
 * appends (through `GraphRepository.commit`, in the same transaction as the change); readers
 * page through it by sequence number and trim what every consumer has seen.
 */
export interface OutboxRecord {
    /** Strictly increasing, never reused (also after a trim). */
    readonly seq: number;
    /** The twin the event is about (the source twin for relationships). */
    readonly twinId: string | null;
    /** The CloudEvents `type`. */
    readonly type: string;
    /** The CloudEvent as JSON text (see `src/events/cloudEvents.ts` for its shape). */
    readonly event: string;
    /** Commit time, epoch milliseconds. */
    readonly createdAt: number;
}
export interface OutboxRepository {
    /** Records with `seq > afterSeq`, in order, at most `limit`. */
    readAfter(afterSeq: number, limit: number): Promise<OutboxRecord[]>;
    /** The highest sequence number ever committed (0 when none). */
    lastSeq(): Promise<number>;
    /** Deletes the records with `seq <= throughSeq`; returns how many were deleted. */
    trim(throughSeq: number): Promise<number>;
    /**
     * Calls `listener` after each commit that appended events, with the new last sequence number.
     * Returns the unsubscribe function. Listeners must not throw.
     */
    onAppend(listener: (lastSeq: number) => void): () => void;
}
