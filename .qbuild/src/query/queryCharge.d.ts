import type { AnalyzedQuery } from "./analysis/boundQuery.js";
/**
 * The `query-charge` header, in ADT's query units. ADT publishes no formula, only that the
 * charge grows with the query's complexity and its result size; Doppel's model is:
 *
 *   2.5 per page
 *   + 0.5 per JOIN or MATCH edge, + 0.25 per extra hop a variable-length edge may take
 *   + 1.0 for ORDER BY, GROUP BY, DISTINCT or an aggregate other than COUNT()
 *   + 2.0 for a traversal that pins no twin by $dtId (it may visit the whole graph)
 *   + 0.02 per row returned
 *
 * rounded to two decimals. It is deterministic, so clients can budget with it.
 */
export declare function queryCharge(query: AnalyzedQuery, rowsReturned: number): number;
