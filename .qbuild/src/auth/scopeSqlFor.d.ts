import type { ScopeFilter } from "./scopeFilter.js";
import { type SqlFragment } from "./scopePredicateCompiler.js";
/**
 * Where a twin's columns are in the caller's statement. `model` is optional: relationship ends
 * (`R.source_id`, `R.target_id`) only have an id, and the fragment then looks the model up.
 */
export interface TwinColumns {
    readonly id: string;
    readonly model?: string;
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
export declare function scopeSqlFor(access: HasScope | ScopeFilter, columns: TwinColumns): SqlFragment;
