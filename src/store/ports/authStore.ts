import type { ScopePredicateCompiler } from "../../auth/scopePredicateCompiler.js";

/**
 * Persistence for access control (API keys, custom roles, role assignments) and the audit log.
 * Owned by `src/auth`. Every change to keys, roles or assignments bumps one version number, so
 * a server caching them notices changes made by another process (the CLI) cheaply.
 */

export interface StoredApiKey {
  readonly id: string;
  readonly name: string;
  /** SHA-256 of the secret (hex); the key itself is never stored. */
  readonly hash: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface StoredRole {
  readonly name: string;
  readonly description: string;
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

export interface StoredRoleAssignment {
  readonly id: string;
  readonly principalType: string;
  readonly principalId: string;
  readonly role: string;
  /** The twin scope as JSON-compatible data. */
  readonly scope: unknown;
}

export interface AccessData {
  readonly version: number;
  readonly apiKeys: readonly StoredApiKey[];
  readonly roles: readonly StoredRole[];
  readonly assignments: readonly StoredRoleAssignment[];
}

export interface NewAuditEntry {
  readonly at: string;
  readonly principal: string;
  /**
   * Where the request came from, in full: the TCP peer, or the client a trusted proxy forwards
   * (the address the per-address limits count, not their /64 key). Null when unknown, and on
   * entries written before it was recorded.
   */
  readonly clientAddress: string | null;
  readonly action: string | null;
  readonly method: string;
  readonly path: string;
  readonly route: string | null;
  readonly twinId: string | null;
  readonly status: number;
  readonly outcome: "success" | "denied" | "failed";
  readonly detail: string | null;
}

export interface AuditRecord extends NewAuditEntry {
  readonly seq: number;
}

export interface AuditQuery {
  /** Only entries with a greater seq. */
  readonly after?: number;
  readonly limit: number;
  readonly principal?: string;
  /** Exactly as recorded (`NewAuditEntry.clientAddress`). */
  readonly clientAddress?: string;
  readonly outcome?: string;
}

/** A condition over `twins T` (columns T.id, T.model_id, T.doc) with `?` placeholders. */
export interface TwinCondition {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface AuthStore {
  /**
   * Compiles `query` scopes in this store's SQL dialect, for the conditions passed to
   * `twinsInScope` and to the query compiler. Each adapter provides its own.
   */
  readonly scopePredicates: ScopePredicateCompiler;
  version(): Promise<number>;
  loadAccess(): Promise<AccessData>;
  insertApiKey(key: StoredApiKey): Promise<void>;
  /** False when no such key exists; revoking twice keeps the first time. */
  revokeApiKey(id: string, at: string): Promise<boolean>;
  /** True when the role was created, false when replaced. */
  putRole(role: StoredRole): Promise<boolean>;
  deleteRole(name: string): Promise<boolean>;
  putRoleAssignment(assignment: StoredRoleAssignment): Promise<boolean>;
  deleteRoleAssignment(id: string): Promise<boolean>;
  appendAudit(entries: readonly NewAuditEntry[]): Promise<void>;
  /** Oldest first. */
  readAudit(query: AuditQuery): Promise<AuditRecord[]>;
  /** Deletes entries older than `before`; returns how many. */
  pruneAudit(before: string): Promise<number>;
  /** The subset of `ids` that exist as twins and satisfy `condition`. */
  twinsInScope(ids: readonly string[], condition: TwinCondition): Promise<Set<string>>;
  /** Whether `modelId` is one of `ancestors` or extends one of them. */
  modelExtendsAny(modelId: string, ancestors: readonly string[]): Promise<boolean>;
  /** The target of a relationship, or null when it does not exist. */
  relationshipTarget(sourceId: string, relationshipId: string): Promise<string | null>;
}
