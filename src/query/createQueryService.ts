import type { Store } from "../store/store.js";
import type { BaseCompiler } from "./compile/base.js";
import { PostgresCompiler } from "./compile/postgres.js";
import { SqliteCompiler } from "./compile/sqlite.js";
import { type QueryConfig, resolveQueryConfig } from "./queryConfig.js";
import type { QueryCompat } from "./queryLimits.js";
import { QueryService } from "./queryService.js";

/**
 * The query service over a store, with the compiler for the store's SQL dialect; predicate scopes
 * compile with the store's own compiler (`store.auth.scopePredicates`), so stores of different
 * kinds in one process each get theirs.
 */
export function createQueryService(store: Store, compat?: QueryCompat, config?: Partial<QueryConfig>): QueryService {
  return new QueryService(
    store.queries,
    compilerFor(store.kind),
    resolveQueryConfig(compat, config),
    store.auth.scopePredicates,
  );
}

function compilerFor(kind: Store["kind"]): BaseCompiler {
  if (kind === "sqlite") return new SqliteCompiler();
  if (kind === "postgres") return new PostgresCompiler();
  throw new Error(`no query compiler for the ${kind} store yet`);
}
