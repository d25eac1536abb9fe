import { scopePredicateCompiler } from "./scopePredicateCompiler.js";
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
export function scopeSqlFor(access, columns) {
    const filter = "scope" in access ? access.scope : access;
    switch (filter.kind) {
        case "all":
            return { sql: "1=1", params: [] };
        case "none":
            return { sql: "1=0", params: [] };
        case "some": {
            const parts = filter.scopes.map((scope, index) => scopeSql(scope, columns, index));
            return {
                sql: parts.length === 1 ? parts[0].sql : `(${parts.map((p) => p.sql).join(" OR ")})`,
                params: parts.flatMap((p) => p.params),
            };
        }
    }
}
function scopeSql(scope, columns, n) {
    switch (scope.kind) {
        case "models":
            return modelsSql(scope.models, columns, n);
        case "subgraph":
            return subgraphSql(scope.root, scope.relationships, columns, n);
        case "query":
            return predicateSql(scope.where, columns, n);
    }
}
function placeholders(count) {
    return Array.from({ length: count }, () => "?").join(", ");
}
function modelsSql(models, columns, n) {
    const ancestry = `SELECT scope_a${n}.model_id FROM model_ancestry scope_a${n} WHERE scope_a${n}.ancestor_id IN (${placeholders(models.length)})`;
    if (columns.model !== undefined)
        return { sql: `${columns.model} IN (${ancestry})`, params: [...models] };
    return {
        sql: `${columns.id} IN (SELECT scope_t${n}.id FROM twins scope_t${n} WHERE scope_t${n}.model_id IN (${ancestry}))`,
        params: [...models],
    };
}
function subgraphSql(root, names, columns, n) {
    const reach = `scope_reach${n}`;
    const rel = `scope_r${n}`;
    const nameFilter = names.length > 0 ? ` WHERE ${rel}.name IN (${placeholders(names.length)})` : "";
    // UNION (not UNION ALL) drops ids already reached, so cycles end the recursion. The root is
    // read from twins (not bound alone) so both terms have the id column's type and collation,
    // which PostgreSQL requires of a recursive query.
    const sql = `${columns.id} IN (WITH RECURSIVE ${reach}(id) AS (SELECT scope_root${n}.id FROM twins scope_root${n} WHERE scope_root${n}.id = ? UNION ` +
        `SELECT ${rel}.target_id FROM relationships ${rel} JOIN ${reach} ON ${rel}.source_id = ${reach}.id${nameFilter}) ` +
        `SELECT id FROM ${reach})`;
    return { sql, params: [root, ...names] };
}
function predicateSql(where, columns, n) {
    const compile = scopePredicateCompiler();
    // Fail closed: without the query engine's compiler a predicate scope reaches no twin.
    if (!compile)
        return { sql: "1=0", params: [] };
    const alias = `scope_p${n}`;
    const condition = compile(where, alias);
    return {
        sql: `${columns.id} IN (SELECT ${alias}.id FROM twins ${alias} WHERE ${condition.sql})`,
        params: condition.params,
    };
}
//# sourceMappingURL=scopeSqlFor.js.map