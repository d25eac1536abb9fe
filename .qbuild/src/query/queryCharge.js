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
export function queryCharge(query, rowsReturned) {
    const { edges, extraHops, shaping } = query.cost;
    const charge = 2.5 +
        0.5 * edges +
        0.25 * extraHops +
        (shaping ? 1 : 0) +
        (edges > 0 && !query.anchored ? 2 : 0) +
        0.02 * rowsReturned;
    return Math.round(charge * 100) / 100;
}
//# sourceMappingURL=queryCharge.js.map