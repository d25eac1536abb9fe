import type { ScopeFilter } from "./scopeFilter.js";
import { type SqlFragment, scopePredicateCompiler } from "./scopePredicateCompiler.js";
import type { TwinScope } from "./twinScope.js";

/**
 * Where a twin's columns are in the caller's statement. `model` is optional: relationship ends
 * (`R.source_id`, `R.target_id`) only have an id, and the fragment then looks the model up.
 * `row` is the alias of a whole `twins` row (id, model_id, doc) when the statement has one: a
 * predicate scope is then evaluated on that row itself instead of in a subquery over all twins.
 */
export interface TwinColumns {
  readonly id: string;
  readonly model?: string;
  readonly row?: string;
}

/** What a request may touch: the query route passes `request.access` straight here. */
export interface HasScope {
  readonly scope: ScopeFilter;
}

/**
 * Renders a scope as a boolean SQL condition to AND into a statement over twins (or over
 * relationship ends). This is the one seam between access control and the query compiler:
 *
 *     const s = scopeSqlFor(request.access, { id: "T.id", model: "T.model_id" });
 *     sql += ` AND ${s.sql}`; params.push(...s.params);
 *
 * It uses standard SQL that SQLite and PostgreSQL both run (`IN (WITH RECURSIVE ...)`), with `?`
 * placeholders the PostgreSQL compiler renumbers. Aliases inside are prefixed `scope_` so they
 * cannot capture the caller's. `all` renders as `1=1`, `none` as `1=0`.
 */
export function scopeSqlFor(access: HasScope | ScopeFilter, columns: TwinColumns): SqlFragment {
  const filter = "scope" in access ? access.scope : access;
  switch (filter.kind) {
    case "all":
      return { sql: "1=1", params: [] };
    case "none":
      return { sql: "1=0", params: [] };
    case "some": {
      const parts = filter.scopes.map((scope, index) => scopeSql(scope, columns, index));
      return {
        sql: parts.length === 1 ? parts[0]!.sql : `(${parts.map((p) => p.sql).join(" OR ")})`,
        params: parts.flatMap((p) => p.params),
      };
    }
  }
}

function scopeSql(scope: Exclude<TwinScope, { kind: "instance" }>, columns: TwinColumns, n: number): SqlFragment {
  switch (scope.kind) {
    case "models":
      return modelsSql(scope.models, columns, n);
    case "subgraph":
      return subgraphSql(scope.root, scope.relationships, columns, n);
    case "query":
      return predicateSql(scope.where, columns, n);
  }
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}

function modelsSql(models: readonly string[], columns: TwinColumns, n: number): SqlFragment {
  const ancestry = `SELECT scope_a${n}.model_id FROM model_ancestry scope_a${n} WHERE scope_a${n}.ancestor_id IN (${placeholders(models.length)})`;
  if (columns.model !== undefined) return { sql: `${columns.model} IN (${ancestry})`, params: [...models] };
  return {
    sql: `${columns.id} IN (SELECT scope_t${n}.id FROM twins scope_t${n} WHERE scope_t${n}.model_id IN (${ancestry}))`,
    params: [...models],
  };
}

function subgraphSql(root: string, names: readonly string[], columns: TwinColumns, n: number): SqlFragment {
  const reach = `scope_reach${n}`;
  const rel = `scope_r${n}`;
  const nameFilter = names.length > 0 ? ` WHERE ${rel}.name IN (${placeholders(names.length)})` : "";
  // UNION (not UNION ALL) drops ids already reached, so cycles end the recursion. The root is
  // read from twins (not bound alone) so both terms have the id column's type and collation,
  // which PostgreSQL requires of a recursive query.
  const sql =
    `${columns.id} IN (WITH RECURSIVE ${reach}(id) AS (SELECT scope_root${n}.id FROM twins scope_root${n} WHERE scope_root${n}.id = ? UNION ` +
    `SELECT ${rel}.target_id FROM relationships ${rel} JOIN ${reach} ON ${rel}.source_id = ${reach}.id${nameFilter}) ` +
    `SELECT id FROM ${reach})`;
  return { sql, params: [root, ...names] };
}

function predicateSql(where: string, columns: TwinColumns, n: number): SqlFragment {
  const compile = scopePredicateCompiler();
  // Fail closed: without the query engine's compiler a predicate scope reaches no twin.
  if (!compile) return { sql: "1=0", params: [] };
  const alias = columns.row ?? `scope_p${n}`;
  let condition: SqlFragment;
  try {
    condition = compile(where, alias);
  } catch {
    // Also closed for a condition that does not compile (checked when the assignment is written,
    // but a stored one may predate a change of the language): it reaches no twin, never an error.
    return { sql: "1=0", params: [] };
  }
  // A condition is true, false or NULL (undefined); only true admits the twin.
  if (columns.row !== undefined) return { sql: `(${condition.sql}) IS TRUE`, params: condition.params };
  return {
    sql: `${columns.id} IN (SELECT ${alias}.id FROM twins ${alias} WHERE ${condition.sql})`,
    params: condition.params,
  };
}
