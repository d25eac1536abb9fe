import type { QueryNode } from "./syntaxTree.js";
/**
 * Parses ADT query text (plus Doppel's extensions: DISTINCT, GROUP BY, ORDER BY, aggregates)
 * into a syntax tree. Recursive descent, one method per grammar rule; the first error throws a
 * `SqlQueryError` with ADT's `Line`/`Position`. Whether a construct is allowed in the current
 * mode is decided later, by analysis.
 */
export declare function parseQuery(text: string): QueryNode;
/** Parentheses and NOTs deeper than this are refused (the stack, and SQL's expression depth, are finite). */
export declare const maxNesting = 64;
