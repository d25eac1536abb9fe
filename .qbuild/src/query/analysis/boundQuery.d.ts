import type { QueryCompat } from "../queryLimits.js";
import type { AggregateFunction, ComparisonOperator, EdgeDirection, LiteralValue, StringMatchFunction, TypeCheckFunction } from "../syntax/syntaxTree.js";
import type { SourceLocation } from "../syntax/token.js";
/**
 * The analysed query: every name resolved to a collection, every mode rule and limit checked.
 * Compilers read only this, never the syntax tree.
 */
export type CollectionKind = "twin" | "relationship";
/** A row variable: the FROM alias, a JOIN alias, a MATCH node or relationship variable. */
export interface Collection {
    /** As declared; empty for an unnamed FROM collection. */
    readonly name: string;
    readonly kind: CollectionKind;
    /** The table alias compilers use for it. */
    readonly sqlAlias: string;
}
/** A path into a collection's document; no segments means the whole document. */
export interface BoundPath {
    readonly kind: "Path";
    readonly collection: Collection;
    readonly segments: readonly string[];
    readonly loc: SourceLocation;
}
export interface BoundLiteral {
    readonly kind: "Literal";
    readonly value: LiteralValue;
}
export type BoundOperand = BoundPath | BoundLiteral;
export type BoundExpression = {
    readonly kind: "Logical";
    readonly operator: "AND" | "OR";
    readonly left: BoundExpression;
    readonly right: BoundExpression;
} | {
    readonly kind: "Not";
    readonly operand: BoundExpression;
} | {
    readonly kind: "Comparison";
    readonly operator: ComparisonOperator;
    readonly left: BoundOperand;
    readonly right: BoundOperand;
} | {
    readonly kind: "In";
    readonly negated: boolean;
    readonly operand: BoundOperand;
    readonly items: readonly LiteralValue[];
} | {
    readonly kind: "IsOfModel";
    readonly collection: Collection;
    readonly model: string;
    readonly exact: boolean;
} | {
    readonly kind: "TypeCheck";
    readonly fn: TypeCheckFunction;
    readonly path: BoundPath;
} | {
    readonly kind: "StringMatch";
    readonly fn: StringMatchFunction;
    readonly path: BoundPath;
    readonly value: string;
} | {
    readonly kind: "ArrayContains";
    readonly path: BoundPath;
    readonly value: LiteralValue;
};
/** A twin position in the pattern. Anonymous MATCH nodes `()` have no collection. */
export interface TwinSlot {
    readonly sqlAlias: string;
    readonly collection: Collection | null;
}
/**
 * A relationship step between two twin slots. JOIN steps are single, outgoing and keyed (one row
 * per relationship); MATCH steps may span several hops.
 */
export interface EdgeSlot {
    readonly sqlAlias: string;
    readonly from: number;
    readonly to: number;
    readonly direction: EdgeDirection;
    /** Empty: any relationship name. */
    readonly names: readonly string[];
    readonly minHops: number;
    readonly maxHops: number;
    /** The JOIN relationship alias or MATCH relationship variable. */
    readonly collection: Collection | null;
}
/**
 * FROM DIGITALTWINS with its JOINs or MATCH. `join` rows are one per relationship combination;
 * `match` rows are the distinct bindings of the named nodes and relationship variables, over
 * paths that visit no twin twice.
 */
export interface Pattern {
    readonly kind: "single" | "join" | "match";
    readonly twins: readonly TwinSlot[];
    readonly edges: readonly EdgeSlot[];
}
export type QuerySource = {
    readonly kind: "twins";
    readonly pattern: Pattern;
} | {
    readonly kind: "relationships";
    readonly collection: Collection;
};
export type OutputValue = {
    readonly kind: "Collection";
    readonly collection: Collection;
} | {
    readonly kind: "Path";
    readonly path: BoundPath;
} | AggregateValue;
export interface AggregateValue {
    readonly kind: "Aggregate";
    readonly fn: AggregateFunction;
    /** `COUNT()` counts rows; `COUNT(path)` counts rows where the path is defined. */
    readonly path: BoundPath | null;
}
export interface OutputItem {
    readonly key: string;
    readonly value: OutputValue;
}
export type QueryOutput = 
/** `SELECT *` / bare `TOP(n)`: the row is the document itself. */
{
    readonly kind: "Documents";
    readonly collection: Collection;
} | {
    readonly kind: "Items";
    readonly items: readonly OutputItem[];
};
/** A group key or an ordering value: a path, or a collection's identity (`GROUP BY floor`). */
export type GroupKey = BoundPath;
export interface OrderKey {
    readonly value: BoundPath | AggregateValue;
    readonly descending: boolean;
}
/**
 * How rows are formed: `rows` (one per pattern row), `groups` (GROUP BY / DISTINCT: one per
 * distinct key), `total` (aggregates without GROUP BY: exactly one row, e.g. `{"COUNT": n}`).
 */
export type Aggregation = "rows" | "groups" | "total";
export interface AnalyzedQuery {
    readonly text: string;
    readonly compat: QueryCompat;
    readonly source: QuerySource;
    readonly where: BoundExpression | null;
    readonly output: QueryOutput;
    readonly aggregation: Aggregation;
    readonly groupBy: readonly GroupKey[];
    readonly orderBy: readonly OrderKey[];
    readonly top: number | null;
    /** A twin's `$dtId` is pinned by a top-level `=` or `IN` conjunct of WHERE. */
    readonly anchored: boolean;
    /**
     * A single-collection query whose key is pinned (`$dtId`, or `$sourceId`/`$targetId` for
     * relationships): it reads a bounded handful of rows through an index.
     */
    readonly light: boolean;
    /** Inputs of the query-charge cost model. */
    readonly cost: QueryCostInputs;
}
export interface QueryCostInputs {
    /** JOIN and MATCH edges. */
    readonly edges: number;
    /** Hops beyond the first of variable-length MATCH edges (by their upper bound). */
    readonly extraHops: number;
    /** ORDER BY, GROUP BY, DISTINCT or aggregates beyond COUNT(). */
    readonly shaping: boolean;
}
