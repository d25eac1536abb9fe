/**
 * ADT's anchor rule: a JOIN or MATCH query must pin some twin by `$dtId`. A conjunct pins when
 * it sits at the top level of WHERE (only ANDs above it) and is `x.$dtId = 'id'` or
 * `x.$dtId IN [...]`, on any twin alias (docs and samples anchor sources and targets alike).
 */
export function isAnchored(where) {
    return pinnedCollections(where, ["$dtId"]).some((collection) => collection.kind === "twin");
}
/** Collections whose `fields` (system properties held in indexed columns) a top-level conjunct pins. */
export function pinnedCollections(where, fields) {
    return topLevelConjuncts(where).flatMap((conjunct) => {
        const collection = pinnedCollection(conjunct, fields);
        return collection ? [collection] : [];
    });
}
export function topLevelConjuncts(where) {
    if (where.kind === "Logical" && where.operator === "AND") {
        return [...topLevelConjuncts(where.left), ...topLevelConjuncts(where.right)];
    }
    return [where];
}
function pinnedCollection(conjunct, fields) {
    if (conjunct.kind === "Comparison" && conjunct.operator === "=") {
        return fieldOf(conjunct.left, conjunct.right, fields) ?? fieldOf(conjunct.right, conjunct.left, fields);
    }
    if (conjunct.kind === "In" && !conjunct.negated && conjunct.items.some((item) => typeof item === "string")) {
        return fieldOf(conjunct.operand, null, fields);
    }
    return null;
}
function fieldOf(operand, other, fields) {
    if (operand.kind !== "Path" || operand.segments.length !== 1 || !fields.includes(operand.segments[0]))
        return null;
    if (other && (other.kind !== "Literal" || typeof other.value !== "string"))
        return null;
    return operand.collection;
}
//# sourceMappingURL=anchors.js.map