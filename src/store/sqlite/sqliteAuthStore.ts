import type { Statement } from "better-sqlite3";
import { SqliteCompiler } from "../../query/compile/sqlite.js";
import { createScopePredicateCompiler } from "../../query/createScopePredicateCompiler.js";
import type {
  AccessData,
  AuditQuery,
  AuditRecord,
  AuthStore,
  NewAuditEntry,
  StoredApiKey,
  StoredRole,
  StoredRoleAssignment,
  TwinCondition,
} from "../ports/authStore.js";
import {
  type ApiKeyRow,
  type AssignmentRow,
  type AuditRow,
  toApiKey,
  toAuditRecord,
  toRoleAssignment,
} from "../rows/authRows.js";
import type { SqliteDatabase } from "./openSqlite.js";

export class SqliteAuthStore implements AuthStore {
  readonly scopePredicates = createScopePredicateCompiler(new SqliteCompiler());
  /** Scope checks run on every request of a scoped caller: their statements are prepared once. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: SqliteDatabase) {}

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async version(): Promise<number> {
    return this.currentVersion();
  }

  async loadAccess(): Promise<AccessData> {
    return this.db.transaction(() => ({
      version: this.currentVersion(),
      apiKeys: (this.db.prepare("SELECT * FROM auth_api_keys ORDER BY created_at, id").all() as ApiKeyRow[]).map(
        toApiKey,
      ),
      roles: (this.db.prepare("SELECT definition FROM auth_roles ORDER BY name").all() as { definition: string }[]).map(
        (row) => JSON.parse(row.definition) as StoredRole,
      ),
      assignments: (this.db.prepare("SELECT * FROM auth_role_assignments ORDER BY id").all() as AssignmentRow[]).map(
        toRoleAssignment,
      ),
    }))();
  }

  async insertApiKey(key: StoredApiKey): Promise<void> {
    this.changing(() => {
      this.db
        .prepare(
          "INSERT INTO auth_api_keys (id, name, hash, created_at, created_by, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(key.id, key.name, key.hash, key.createdAt, key.createdBy, key.expiresAt, key.revokedAt);
    });
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return this.changing(() => {
      const exists = this.db.prepare("SELECT 1 FROM auth_api_keys WHERE id = ?").get(id) !== undefined;
      this.db.prepare("UPDATE auth_api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(at, id);
      return exists;
    });
  }

  async putRole(role: StoredRole): Promise<boolean> {
    return this.changing(() => {
      const existed = this.db.prepare("SELECT 1 FROM auth_roles WHERE name = ?").get(role.name) !== undefined;
      this.db
        .prepare(
          "INSERT INTO auth_roles (name, definition, updated_at) VALUES (?, ?, ?) " +
            "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at",
        )
        .run(role.name, JSON.stringify(role), new Date().toISOString());
      return !existed;
    });
  }

  async deleteRole(name: string): Promise<boolean> {
    return this.changing(() => this.db.prepare("DELETE FROM auth_roles WHERE name = ?").run(name).changes > 0);
  }

  async putRoleAssignment(a: StoredRoleAssignment): Promise<boolean> {
    return this.changing(() => {
      const existed = this.db.prepare("SELECT 1 FROM auth_role_assignments WHERE id = ?").get(a.id) !== undefined;
      this.db
        .prepare(
          "INSERT INTO auth_role_assignments (id, principal_type, principal_id, role, scope, updated_at) VALUES (?, ?, ?, ?, ?, ?) " +
            "ON CONFLICT (id) DO UPDATE SET principal_type = excluded.principal_type, principal_id = excluded.principal_id, " +
            "role = excluded.role, scope = excluded.scope, updated_at = excluded.updated_at",
        )
        .run(a.id, a.principalType, a.principalId, a.role, JSON.stringify(a.scope), new Date().toISOString());
      return !existed;
    });
  }

  async deleteRoleAssignment(id: string): Promise<boolean> {
    return this.changing(() => this.db.prepare("DELETE FROM auth_role_assignments WHERE id = ?").run(id).changes > 0);
  }

  async appendAudit(entries: readonly NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const insert = this.db.prepare(
      "INSERT INTO audit_log (at, principal, client_address, action, method, path, route, twin_id, status, outcome, detail) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    this.db.transaction(() => {
      for (const e of entries) {
        insert.run(
          e.at,
          e.principal,
          e.clientAddress,
          e.action,
          e.method,
          e.path,
          e.route,
          e.twinId,
          e.status,
          e.outcome,
          e.detail,
        );
      }
    })();
  }

  async readAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const where: string[] = ["seq > ?"];
    const params: unknown[] = [query.after ?? 0];
    if (query.principal !== undefined) {
      where.push("principal = ?");
      params.push(query.principal);
    }
    if (query.clientAddress !== undefined) {
      where.push("client_address = ?");
      params.push(query.clientAddress);
    }
    if (query.outcome !== undefined) {
      where.push("outcome = ?");
      params.push(query.outcome);
    }
    const rows = this.db
      .prepare(`SELECT * FROM audit_log WHERE ${where.join(" AND ")} ORDER BY seq LIMIT ?`)
      .all(...params, query.limit) as AuditRow[];
    return rows.map(toAuditRecord);
  }

  async pruneAudit(before: string): Promise<number> {
    return this.db.prepare("DELETE FROM audit_log WHERE at < ?").run(before).changes;
  }

  async twinsInScope(ids: readonly string[], condition: TwinCondition): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const marks = ids.map(() => "?").join(", ");
    const rows = this.prepared(`SELECT T.id AS id FROM twins T WHERE T.id IN (${marks}) AND (${condition.sql})`).all(
      ...ids,
      ...condition.params,
    ) as { id: string }[];
    return new Set(rows.map((row) => row.id));
  }

  async modelExtendsAny(modelId: string, ancestors: readonly string[]): Promise<boolean> {
    if (ancestors.length === 0) return false;
    const marks = ancestors.map(() => "?").join(", ");
    const row = this.prepared(
      `SELECT 1 FROM model_ancestry WHERE model_id = ? AND ancestor_id IN (${marks}) LIMIT 1`,
    ).get(modelId, ...ancestors);
    return row !== undefined;
  }

  async relationshipTarget(sourceId: string, relationshipId: string): Promise<string | null> {
    const row = this.prepared("SELECT target_id FROM relationships WHERE source_id = ? AND id = ?").get(
      sourceId,
      relationshipId,
    ) as { target_id: string } | undefined;
    return row?.target_id ?? null;
  }

  private currentVersion(): number {
    return (this.prepared("SELECT version FROM auth_version WHERE id = 1").get() as { version: number }).version;
  }

  /** Runs a change and bumps the version in the same transaction. */
  private changing<T>(change: () => T): T {
    return this.db.transaction(() => {
      const result = change();
      this.db.prepare("UPDATE auth_version SET version = version + 1 WHERE id = 1").run();
      return result;
    })();
  }
}
