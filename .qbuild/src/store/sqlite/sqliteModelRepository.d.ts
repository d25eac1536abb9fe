import type { DeleteModelResult, InsertModelsResult, ModelRepository, NewModel, StoredModel } from "../ports/modelRepository.js";
import type { SqliteDatabase } from "./openSqlite.js";
/** Models, their direct refs and their ancestry (self included at depth 0), written in one transaction. */
export declare class SqliteModelRepository implements ModelRepository {
    private readonly db;
    private readonly selectAll;
    private readonly selectAllRefs;
    private readonly selectExists;
    private readonly insertModel;
    private readonly insertRef;
    private readonly insertAncestor;
    private readonly updateDecommissioned;
    private readonly selectReferencers;
    private readonly deleteModel;
    private readonly deleteRefs;
    private readonly deleteAncestry;
    constructor(db: SqliteDatabase);
    all(): Promise<StoredModel[]>;
    insert(models: readonly NewModel[]): Promise<InsertModelsResult>;
    decommission(id: string): Promise<boolean>;
    delete(id: string): Promise<DeleteModelResult>;
    private insertOne;
}
