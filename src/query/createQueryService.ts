import { setScopePredicateCompiler } from "../auth/scopePredicateCompiler.js";
import type { Store } from "../store/store.js";
import type { BaseCompiler } from "./compile/base.js";
import { PostgresCompiler } from "./compile/postgres.js";
import { SqliteCompiler } from "./compile/sqlite.js";
import { createScopePredicateCompiler } from "./createScopePredicateCompiler.js";
import { type QueryConfig, resolveQueryConfig } from "./queryConfig.js";
import type { QueryCompat } from "./queryLimits.js";
import { QueryService } from "./queryService.js";

/**
 * The query service over a store, with the compiler for the store's SQL dialect. It also gives
 * the security layer its compiler for predicate scopes, in the same dialect (one store per process).
 */
export function createQueryService(store: Store, compat?: QueryCompat, config?: Partial<QueryConfig>): QueryService {
  setScopePredicateCompiler(createScopePredicateCompiler(compilerFor(store.kind)));
  return new QueryService(store.queries, compilerFor(store.kind), resolveQueryConfig(compat, config));
}

function compilerFor(kind: Store["kind"]): BaseCompiler {
  if (kind === "sqlite") return new SqliteCompiler();
  if (kind === "postgres") return new PostgresCompiler();
  throw new Error(`no query compiler for the ${kind} store yet`);
}
