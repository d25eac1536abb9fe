import { PostgresCompiler } from "./compile/postgres.js";
import { SqliteCompiler } from "./compile/sqlite.js";
import { resolveQueryConfig } from "./queryConfig.js";
import { QueryService } from "./queryService.js";
/** The query service over a store, with the compiler for the store's SQL dialect. */
export function createQueryService(store, compat, config) {
    return new QueryService(store.queries, compilerFor(store.kind), resolveQueryConfig(compat, config));
}
function compilerFor(kind) {
    if (kind === "sqlite")
        return new SqliteCompiler();
    if (kind === "postgres")
        return new PostgresCompiler();
    throw new Error(`no query compiler for the ${kind} store yet`);
}
//# sourceMappingURL=createQueryService.js.map