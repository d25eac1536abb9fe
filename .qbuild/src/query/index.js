/** The query language: parse, analyse, compile and run ADT queries (see docs/query.md). */
export { analyzeQuery } from "./analysis/analyzeQuery.js";
export { BaseCompiler } from "./compile/base.js";
export { SqliteCompiler } from "./compile/sqlite.js";
export { createQueryService } from "./createQueryService.js";
export { ContinuationTokens } from "./paging/continuationTokens.js";
export { queryCharge } from "./queryCharge.js";
export { defaultQueryConfig, resolveQueryConfig } from "./queryConfig.js";
export { adtQueryLimits, doppelQueryLimits, queryLimitsFor, } from "./queryLimits.js";
export { QueryService } from "./queryService.js";
export { parseQuery } from "./syntax/parser.js";
//# sourceMappingURL=index.js.map