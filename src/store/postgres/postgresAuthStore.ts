import type pg from "pg";
import { PostgresCompiler } from "../../query/compile/postgres.js";
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
import type { ClusterSession } from "./clusterSession.js";
import { inTransaction } from "./inTransaction.js";
import { numberPlaceholders } from "./numberPlaceholders.js";

/**
 * Access control in PostgreSQL. Every change bumps the version in its transaction (servers
 * compare it to their cached snapshot) and notifies the other nodes so they look at once.
 */
export class PostgresAuthStore implements AuthStore {
  readonly scopePredicates = createScopePredicateCompiler(new PostgresCompiler());

  constructor(
    private readonly pool: pg.Pool,
    private readonly session: ClusterSession,
  ) {}

  async version(): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>("SELECT version FROM auth_version WHERE id = 1");
    return rows[0]?.version ?? 0;
  }

  async loadAccess(): Promise<AccessData> {
    const client = await this.pool.connect();
    try {
      // One snapshot for all four reads, so the version matches what is read.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const version = await client.query<{ version: number }>("SELECT version FROM auth_version WHERE id = 1");
      const keys = await client.query<ApiKeyRow>("SELECT * FROM auth_api_keys ORDER BY created_at, id");
      const roles = await client.query<{ definition: string }>("SELECT definition FROM auth_roles ORDER BY name");
      const assignments = await client.query<AssignmentRow>("SELECT * FROM auth_role_assignments ORDER BY id");
      await client.query("COMMIT");
      return {
        version: version.rows[0]?.version ?? 0,
        apiKeys: keys.rows.map(toApiKey),
        roles: roles.rows.map((row) => JSON.parse(row.definition) as StoredRole),
        assignments: assignments.rows.map(toRoleAssignment),
      };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async insertApiKey(key: StoredApiKey): Promise<void> {
    await this.changing(async (client) => {
      await client.query(
        `INSERT INTO auth_api_keys (id, name, hash, created_at, created_by, expires_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [key.id, key.name, key.hash, key.createdAt, key.createdBy, key.expiresAt, key.revokedAt],
      );
    });
  }

  async revokeApiKey(id: string, at: string): Promise<boolean> {
    return this.changing(async (client) => {
      const exists = await client.query("SELECT 1 FROM auth_api_keys WHERE id = $1 FOR UPDATE", [id]);
      await client.query("UPDATE auth_api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [at, id]);
      return exists.rows.length > 0;
    });
  }

  async putRole(role: StoredRole): Promise<boolean> {
    return this.changing(async (client) => {
      const { rows } = await client.query<{ created: boolean }>(
        `INSERT INTO auth_roles (name, definition, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
         RETURNING (xmax = 0) AS created`,
        [role.name, JSON.stringify(role), new Date().toISOString()],
      );
      return rows[0]?.created === true;
    });
  }

  async deleteRole(name: string): Promise<boolean> {
    return this.changing(
      async (client) => ((await client.query("DELETE FROM auth_roles WHERE name = $1", [name])).rowCount ?? 0) > 0,
    );
  }

  async putRoleAssignment(a: StoredRoleAssignment): Promise<boolean> {
    return this.changing(async (client) => {
      const { rows } = await client.query<{ created: boolean }>(
        `INSERT INTO auth_role_assignments (id, principal_type, principal_id, role, scope, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET principal_type = excluded.principal_type, principal_id = excluded.principal_id,
           role = excluded.role, scope = excluded.scope, updated_at = excluded.updated_at
         RETURNING (xmax = 0) AS created`,
        [a.id, a.principalType, a.principalId, a.role, JSON.stringify(a.scope), new Date().toISOString()],
      );
      return rows[0]?.created === true;
    });
  }

  async deleteRoleAssignment(id: string): Promise<boolean> {
    return this.changing(
      async (client) =>
        ((await client.query("DELETE FROM auth_role_assignments WHERE id = $1", [id])).rowCount ?? 0) > 0,
    );
  }

  async appendAudit(entries: readonly NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const column = <K extends keyof NewAuditEntry>(key: K) => entries.map((entry) => entry[key]);
    await this.pool.query(
      `INSERT INTO audit_log (at, principal, client_address, action, method, path, route, twin_id, status, outcome, detail)
       SELECT at, principal, client_address, action, method, path, route, twin_id, status, outcome, detail
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
         $9::integer[], $10::text[], $11::text[])
         WITH ORDINALITY AS x(at, principal, client_address, action, method, path, route, twin_id, status, outcome,
           detail, n)
       ORDER BY n`,
      [
        column("at"),
        column("principal"),
        column("clientAddress"),
        column("action"),
        column("method"),
        column("path"),
        column("route"),
        column("twinId"),
        column("status"),
        column("outcome"),
        column("detail"),
      ],
    );
  }

  async readAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const where: string[] = ["seq > $1"];
    const params: unknown[] = [query.after ?? 0];
    if (query.principal !== undefined) {
      params.push(query.principal);
      where.push(`principal = $${params.length}`);
    }
    if (query.clientAddress !== undefined) {
      params.push(query.clientAddress);
      where.push(`client_address = $${params.length}`);
    }
    if (query.outcome !== undefined) {
      params.push(query.outcome);
      where.push(`outcome = $${params.length}`);
    }
    params.push(query.limit);
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT * FROM audit_log WHERE ${where.join(" AND ")} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return rows.map(toAuditRecord);
  }

  async pruneAudit(before: string): Promise<number> {
    const result = await this.pool.query("DELETE FROM audit_log WHERE at < $1", [before]);
    return result.rowCount ?? 0;
  }

  async twinsInScope(ids: readonly string[], condition: TwinCondition): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    // The condition is written with `?` placeholders (shared with SQLite); the ids come first.
    const sql = numberPlaceholders(condition.sql, 2);
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT T.id AS id FROM twins T WHERE T.id = ANY($1::text[]) AND (${sql})`,
      [ids, ...condition.params],
    );
    return new Set(rows.map((row) => row.id));
  }

  async modelExtendsAny(modelId: string, ancestors: readonly string[]): Promise<boolean> {
    if (ancestors.length === 0) return false;
    const { rows } = await this.pool.query(
      "SELECT 1 FROM model_ancestry WHERE model_id = $1 AND ancestor_id = ANY($2::text[]) LIMIT 1",
      [modelId, ancestors],
    );
    return rows.length > 0;
  }

  async relationshipTarget(sourceId: string, relationshipId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ target_id: string }>(
      "SELECT target_id FROM relationships WHERE source_id = $1 AND id = $2",
      [sourceId, relationshipId],
    );
    return rows[0]?.target_id ?? null;
  }

  /** Runs a change, bumps the version and notifies the other nodes, in one transaction. */
  private changing<T>(change: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      const result = await change(client);
      await client.query("UPDATE auth_version SET version = version + 1 WHERE id = 1");
      await client.query("SELECT pg_notify($1, $2)", [this.session.channel, this.session.payload("auth")]);
      return result;
    });
  }
}
