import type { BoundExpression, BoundOperand, Collection } from "./boundQuery.js";

/**
 * ADT's anchor rule: a JOIN or MATCH query must pin some twin by `$dtId`. A conjunct pins when
 * it sits at the top level of WHERE (only ANDs above it) and is `x.$dtId = 'id'` or
 * `x.$dtId IN [...]`, on any twin alias (docs and samples anchor sources and targets alike).
 */
export function isAnchored(where: BoundExpression): boolean {
  return anchoredCollections(where).length > 0;
}

export function anchoredCollections(where: BoundExpression): Collection[] {
  return topLevelConjuncts(where).flatMap((conjunct) => {
    const collection = pinnedCollection(conjunct);
    return collection ? [collection] : [];
  });
}

export function topLevelConjuncts(where: BoundExpression): BoundExpression[] {
  if (where.kind === "Logical" && where.operator === "AND") {
    return [...topLevelConjuncts(where.left), ...topLevelConjuncts(where.right)];
  }
  return [where];
}

function pinnedCollection(conjunct: BoundExpression): Collection | null {
  if (conjunct.kind === "Comparison" && conjunct.operator === "=") {
    return dtIdOf(conjunct.left, conjunct.right) ?? dtIdOf(conjunct.right, conjunct.left);
  }
  if (conjunct.kind === "In" && !conjunct.negated && conjunct.items.some((item) => typeof item === "string")) {
    return dtIdOf(conjunct.operand, null);
  }
  return null;
}

function dtIdOf(operand: BoundOperand, other: BoundOperand | null): Collection | null {
  if (operand.kind !== "Path" || operand.collection.kind !== "twin") return null;
  if (operand.segments.length !== 1 || operand.segments[0] !== "$dtId") return null;
  if (other && (other.kind !== "Literal" || typeof other.value !== "string")) return null;
  return operand.collection;
}
