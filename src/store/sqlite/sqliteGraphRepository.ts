import type { GraphRepository } from "../ports/graphRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";

export class SqliteGraphRepository implements GraphRepository {
  constructor(private readonly db: SqliteDatabase) {}
}
