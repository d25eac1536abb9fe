/** The query language: parse, analyse, compile and run ADT queries (see docs/query.md). */
export { type AnalyzeOptions, analyzeQuery } from "./analysis/analyzeQuery.js";
export type { AnalyzedQuery } from "./analysis/boundQuery.js";
export { BaseCompiler, type CompiledPage, type PageRequest, type SqlValue } from "./compile/base.js";
export { SqliteCompiler } from "./compile/sqlite.js";
export { createQueryService } from "./createQueryService.js";
export { ContinuationTokens, type QueryCursor } from "./paging/continuationTokens.js";
export { queryCharge } from "./queryCharge.js";
export { defaultQueryConfig, type QueryConfig, resolveQueryConfig } from "./queryConfig.js";
export { adtQueryLimits, doppelQueryLimits, type QueryCompat, type QueryLimits, queryLimitsFor, } from "./queryLimits.js";
export { type QueryRequest, type QueryResponse, QueryService, type QueryServiceConfig } from "./queryService.js";
export { parseQuery } from "./syntax/parser.js";
export type { QueryNode } from "./syntax/syntaxTree.js";
