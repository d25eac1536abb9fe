import type pg from "pg";
import type { AccessData, AuditQuery, AuditRecord, AuthStore, NewAuditEntry, StoredApiKey, StoredRole, StoredRoleAssignment, TwinCondition } from "../ports/authStore.js";
import type { ClusterSession } from "./clusterSession.js";
/**
 * Access control in PostgreSQL. Every change bumps the version in its transaction (servers
 * compare it to their cached snapshot) and notifies the other nodes so they look at once.
 */
export declare class PostgresAuthStore implements AuthStore {
    private readonly pool;
    private readonly session;
    constructor(pool: pg.Pool, session: ClusterSession);
    version(): Promise<number>;
    loadAccess(): Promise<AccessData>;
    insertApiKey(key: StoredApiKey): Promise<void>;
    revokeApiKey(id: string, at: string): Promise<boolean>;
    putRole(role: StoredRole): Promise<boolean>;
    deleteRole(name: string): Promise<boolean>;
    putRoleAssignment(a: StoredRoleAssignment): Promise<boolean>;
    deleteRoleAssignment(id: string): Promise<boolean>;
    appendAudit(entries: readonly NewAuditEntry[]): Promise<void>;
    readAudit(query: AuditQuery): Promise<AuditRecord[]>;
    pruneAudit(before: string): Promise<number>;
    twinsInScope(ids: readonly string[], condition: TwinCondition): Promise<Set<string>>;
    modelExtendsAny(modelId: string, ancestors: readonly string[]): Promise<boolean>;
    relationshipTarget(sourceId: string, relationshipId: string): Promise<string | null>;
    /** Runs a change, bumps the version and notifies the other nodes, in one transaction. */
    private changing;
}
