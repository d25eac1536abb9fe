/** A parameterised SQL fragment; `?` placeholders, values in order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Compiles the WHERE condition of a `query` scope into SQL over one row of `twins` named
 * `twinAlias` (columns id, model_id, doc), in the SQL dialect of one store. Each store adapter
 * provides its own (`AuthStore.scopePredicates`, built on the query engine, which owns the
 * language), so servers over different stores in one process each render their own dialect. It
 * throws a DoppelError (SqlQueryError) for a condition it cannot compile.
 */
export type ScopePredicateCompiler = (where: string, twinAlias: string) => SqlFragment;
