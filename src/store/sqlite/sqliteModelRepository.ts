import type { ModelRepository, NewModel, StoredModel } from "../ports/modelRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";

export class SqliteModelRepository implements ModelRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async all(): Promise<StoredModel[]> {
    throw new Error("not implemented");
  }
  async insert(_models: readonly NewModel[]): Promise<{ readonly conflicts: readonly string[] }> {
    throw new Error("not implemented");
  }
  async decommission(_id: string): Promise<boolean> {
    throw new Error("not implemented");
  }
  async delete(_id: string): Promise<{ readonly deleted: boolean; readonly referencedBy: readonly string[] }> {
    throw new Error("not implemented");
  }
}
