import type { QueryRunner } from "../ports/queryRunner.js";
import type { SqliteDatabase } from "./openSqlite.js";

export class SqliteQueryRunner implements QueryRunner {
  constructor(private readonly db: SqliteDatabase) {}
}
