import type { OutboxRepository } from "../ports/outboxRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";

export class SqliteOutboxRepository implements OutboxRepository {
  constructor(private readonly db: SqliteDatabase) {}
}
