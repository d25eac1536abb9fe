/**
 * The transactional outbox, read by event delivery and live streams. Only the graph write path
 * appends (through `GraphRepository.commit`, in the same transaction as the change); readers
 * page through it by sequence number and trim what every consumer has seen.
 */
export {};
//# sourceMappingURL=outboxRepository.js.map