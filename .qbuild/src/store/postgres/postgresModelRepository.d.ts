import type pg from "pg";
import type { DeleteModelResult, InsertModelsResult, ModelRepository, NewModel, StoredModel } from "../ports/modelRepository.js";
import type { ClusterSession } from "./clusterSession.js";
/**
 * Models, their direct refs and ancestry (self included at depth 0), written in one transaction
 * that also notifies the other nodes, so their registries reload (the notification is sent at
 * commit, and only then).
 */
export declare class PostgresModelRepository implements ModelRepository {
    private readonly pool;
    private readonly session;
    constructor(pool: pg.Pool, session: ClusterSession);
    all(): Promise<StoredModel[]>;
    insert(models: readonly NewModel[]): Promise<InsertModelsResult>;
    decommission(id: string): Promise<boolean>;
    delete(id: string): Promise<DeleteModelResult>;
    private insertOne;
    private notify;
}
