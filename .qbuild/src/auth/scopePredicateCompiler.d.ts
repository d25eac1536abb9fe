/** A parameterised SQL fragment; `?` placeholders, values in order. */
export interface SqlFragment {
    readonly sql: string;
    readonly params: readonly unknown[];
}
/**
 * Compiles the WHERE condition of a `query` scope into SQL over one row of `twins` named
 * `twinAlias` (columns id, model_id, doc). Registered by the query engine, which owns the
 * language; it throws a DoppelError (SqlQueryError) for a condition it cannot compile.
 */
export type ScopePredicateCompiler = (where: string, twinAlias: string) => SqlFragment;
export declare function setScopePredicateCompiler(compiler: ScopePredicateCompiler | null): void;
export declare function scopePredicateCompiler(): ScopePredicateCompiler | null;
