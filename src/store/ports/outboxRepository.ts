/** The transactional outbox, read by event delivery and live streams. */

export type OutboxRepository = {};
