import type { ScopeFilter } from "./scopeFilter.js";
import type { ScopePredicateCompiler, SqlFragment } from "./scopePredicateCompiler.js";
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
 * relationship ends). This and `statementScopeFor` are the seam between access control and SQL:
 *
 *     const s = scopeSqlFor(request.access, { id: "T.id", model: "T.model_id" });
 *     sql += ` AND ${s.sql}`; params.push(...s.params);
 *
 * It uses standard SQL that SQLite and PostgreSQL both run (`IN (WITH RECURSIVE ...)`), with `?`
 * placeholders (the PostgreSQL store renumbers them; the query compiler binds them as its own
 * parameters). Aliases inside are prefixed `scope_` so they cannot capture the caller's. `all`
 * renders as `1=1`, `none` as `1=0`. `predicates` is the store's compiler for `query` scopes
 * (`AuthStore.scopePredicates`); without it a predicate scope reaches no twin.
 */
export function scopeSqlFor(
  access: HasScope | ScopeFilter,
  columns: TwinColumns,
  predicates?: ScopePredicateCompiler,
): SqlFragment {
  return conditionSql(filterOf(access), columns, false, predicates);
}

/**
 * The scope for a statement that tests many twins (the query compiler's): reachability of
 * `subgraph` scopes is computed once, in definitions for a `WITH RECURSIVE` clause heading the
 * statement (`ctes`, null when there are none), and `condition` renders the per-twin test that
 * reads them. Conditions are otherwise those of `scopeSqlFor`.
 */
export interface StatementScope {
  readonly ctes: SqlFragment | null;
  readonly condition: (columns: TwinColumns) => SqlFragment;
}

export function statementScopeFor(access: HasScope | ScopeFilter, predicates?: ScopePredicateCompiler): StatementScope {
  const filter = filterOf(access);
  const ctes =
    filter.kind === "some"
      ? filter.scopes.flatMap((scope, n) =>
          scope.kind === "subgraph" ? [reachSql(scope.root, scope.relationships, n)] : [],
        )
      : [];
  return {
    ctes:
      ctes.length === 0
        ? null
        : { sql: ctes.map((cte) => cte.sql).join(", "), params: ctes.flatMap((cte) => cte.params) },
    condition: (columns) => conditionSql(filter, columns, true, predicates),
  };
}

function filterOf(access: HasScope | ScopeFilter): ScopeFilter {
  return "scope" in access ? access.scope : access;
}

/** With `hoisted`, subgraph scopes read the statement's `scope_reach<n>` definitions. */
function conditionSql(
  filter: ScopeFilter,
  columns: TwinColumns,
  hoisted: boolean,
  predicates: ScopePredicateCompiler | undefined,
): SqlFragment {
  switch (filter.kind) {
    case "all":
      return { sql: "1=1", params: [] };
    case "none":
      return { sql: "1=0", params: [] };
    case "some": {
      const parts = filter.scopes.map((scope, index) => scopeSql(scope, columns, index, hoisted, predicates));
      return {
        sql: parts.length === 1 ? parts[0]!.sql : `(${parts.map((p) => p.sql).join(" OR ")})`,
        params: parts.flatMap((p) => p.params),
      };
    }
  }
}

function scopeSql(
  scope: Exclude<TwinScope, { kind: "instance" }>,
  columns: TwinColumns,
  n: number,
  hoisted: boolean,
  predicates: ScopePredicateCompiler | undefined,
): SqlFragment {
  switch (scope.kind) {
    case "models":
      return modelsSql(scope.models, columns, n);
    case "subgraph":
      if (hoisted) return { sql: `${columns.id} IN (SELECT id FROM scope_reach${n})`, params: [] };
      return subgraphSql(scope.root, scope.relationships, columns, n);
    case "query":
      return predicateSql(scope.where, columns, n, predicates);
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
  const reach = reachSql(root, names, n);
  return { sql: `${columns.id} IN (WITH RECURSIVE ${reach.sql} SELECT id FROM scope_reach${n})`, params: reach.params };
}

/** `scope_reach<n>(id) AS (...)`: the root and every twin reachable from it, as one CTE definition. */
function reachSql(root: string, names: readonly string[], n: number): SqlFragment {
  const reach = `scope_reach${n}`;
  const rel = `scope_r${n}`;
  const nameFilter = names.length > 0 ? ` WHERE ${rel}.name IN (${placeholders(names.length)})` : "";
  // UNION (not UNION ALL) drops ids already reached, so cycles end the recursion. The root is
  // read from twins (not bound alone) so both terms have the id column's type and collation,
  // which PostgreSQL requires of a recursive query.
  const sql =
    `${reach}(id) AS (SELECT scope_root${n}.id FROM twins scope_root${n} WHERE scope_root${n}.id = ? UNION ` +
    `SELECT ${rel}.target_id FROM relationships ${rel} JOIN ${reach} ON ${rel}.source_id = ${reach}.id${nameFilter})`;
  return { sql, params: [root, ...names] };
}

function predicateSql(
  where: string,
  columns: TwinColumns,
  n: number,
  compile: ScopePredicateCompiler | undefined,
): SqlFragment {
  // Fail closed: without the store's compiler a predicate scope reaches no twin.
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
