import type { BoundExpression, Collection } from "./boundQuery.js";
/**
 * ADT's anchor rule: a JOIN or MATCH query must pin some twin by `$dtId`. A conjunct pins when
 * it sits at the top level of WHERE (only ANDs above it) and is `x.$dtId = 'id'` or
 * `x.$dtId IN [...]`, on any twin alias (docs and samples anchor sources and targets alike).
 */
export declare function isAnchored(where: BoundExpression): boolean;
/** Collections whose `fields` (system properties held in indexed columns) a top-level conjunct pins. */
export declare function pinnedCollections(where: BoundExpression, fields: readonly string[]): Collection[];
export declare function topLevelConjuncts(where: BoundExpression): BoundExpression[];
