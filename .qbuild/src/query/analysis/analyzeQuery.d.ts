import type { QueryCompat, QueryLimits } from "../queryLimits.js";
import type { QueryNode } from "../syntax/syntaxTree.js";
import type { AnalyzedQuery, BoundPath } from "./boundQuery.js";
export interface AnalyzeOptions {
    readonly compat: QueryCompat;
    readonly limits: QueryLimits;
}
/** Most distinct path shapes one MATCH may expand to (the product of its edges' hop ranges). */
export declare const maxMatchShapes = 256;
/**
 * Resolves names, checks ADT's rules and the configured limits, and produces the analysed query
 * the compilers read. Every rejection is a `SqlQueryError` pointing at the offending text.
 */
export declare function analyzeQuery(text: string, query: QueryNode, options: AnalyzeOptions): AnalyzedQuery;
export declare function samePath(a: BoundPath, b: BoundPath): boolean;
