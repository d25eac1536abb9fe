import type { AccessData, AuditQuery, AuditRecord, AuthStore, NewAuditEntry, StoredApiKey, StoredRole, StoredRoleAssignment, TwinCondition } from "../ports/authStore.js";
import type { SqliteDatabase } from "./openSqlite.js";
export declare class SqliteAuthStore implements AuthStore {
    private readonly db;
    /** Scope checks run on every request of a scoped caller: their statements are prepared once. */
    private readonly statements;
    constructor(db: SqliteDatabase);
    private prepared;
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
    private currentVersion;
    /** Runs a change and bumps the version in the same transaction. */
    private changing;
}
