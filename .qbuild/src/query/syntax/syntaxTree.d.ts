import type { SourceLocation } from "./token.js";
/**
 * The query's syntax tree: plain readonly data, one node type per grammar rule, every node with
 * its location so later stages can report `Line`/`Position`. Nothing here is resolved yet:
 * whether `T.x` names an alias or a property is decided by analysis.
 */
export interface QueryNode {
    readonly kind: "Query";
    readonly select: SelectNode;
    readonly from: FromNode;
    readonly joins: readonly JoinNode[];
    readonly match: MatchNode | null;
    readonly where: ExpressionNode | null;
    /** Extension. */
    readonly groupBy: readonly PathNode[];
    /** Extension. */
    readonly orderBy: readonly OrderItemNode[];
    readonly loc: SourceLocation;
}
export interface NameNode {
    readonly kind: "Name";
    readonly value: string;
    /** Written as `[[...]]`. */
    readonly escaped: boolean;
    readonly loc: SourceLocation;
}
export interface SelectNode {
    readonly kind: "Select";
    /** Extension. */
    readonly distinct: boolean;
    readonly top: TopNode | null;
    /** `*`, or a bare `TOP(n)`: whole rows. */
    readonly star: boolean;
    readonly items: readonly SelectItemNode[];
    readonly loc: SourceLocation;
}
export interface TopNode {
    readonly kind: "Top";
    readonly count: number;
    readonly loc: SourceLocation;
}
export interface SelectItemNode {
    readonly kind: "SelectItem";
    readonly value: PathNode | AggregateNode;
    readonly alias: NameNode | null;
    readonly loc: SourceLocation;
}
export type AggregateFunction = "COUNT" | "SUM" | "AVG" | "MIN" | "MAX";
export interface AggregateNode {
    readonly kind: "Aggregate";
    readonly fn: AggregateFunction;
    /** `COUNT()` has none. */
    readonly argument: PathNode | null;
    readonly loc: SourceLocation;
}
export interface PathNode {
    readonly kind: "Path";
    readonly segments: readonly NameNode[];
    readonly loc: SourceLocation;
}
export type CollectionName = "DIGITALTWINS" | "RELATIONSHIPS";
export interface FromNode {
    readonly kind: "From";
    readonly collection: CollectionName;
    readonly alias: NameNode | null;
    readonly loc: SourceLocation;
}
/** `JOIN target RELATED source.relationship [relationshipAlias]` */
export interface JoinNode {
    readonly kind: "Join";
    readonly target: NameNode;
    readonly source: NameNode;
    readonly relationship: NameNode;
    readonly relationshipAlias: NameNode | null;
    readonly loc: SourceLocation;
}
export interface MatchNode {
    readonly kind: "Match";
    /** `edges[i]` connects `nodes[i]` and `nodes[i + 1]`. */
    readonly nodes: readonly MatchNodeNode[];
    readonly edges: readonly MatchEdgeNode[];
    readonly loc: SourceLocation;
}
export interface MatchNodeNode {
    readonly kind: "MatchNode";
    /** `()` is an anonymous node. */
    readonly alias: NameNode | null;
    readonly loc: SourceLocation;
}
/** `-[...]->` is "out" (left is the source), `<-[...]-` is "in", `-[...]-` is "any". */
export type EdgeDirection = "out" | "in" | "any";
export interface MatchEdgeNode {
    readonly kind: "MatchEdge";
    readonly direction: EdgeDirection;
    readonly variable: NameNode | null;
    /** `:a|b`; empty means any relationship name. */
    readonly names: readonly NameNode[];
    readonly hops: HopsNode | null;
    readonly loc: SourceLocation;
}
/** `*n` (exact), `*..n` (up to), `*m..n` (range; ADT excludes m). */
export interface HopsNode {
    readonly kind: "Hops";
    readonly lower: number | null;
    readonly upper: number;
    readonly range: boolean;
    readonly loc: SourceLocation;
}
export type ExpressionNode = LogicalNode | NotNode | ComparisonNode | InNode | IsOfModelNode | TypeCheckNode | StringMatchNode | ArrayContainsNode;
export interface LogicalNode {
    readonly kind: "Logical";
    readonly operator: "AND" | "OR";
    readonly left: ExpressionNode;
    readonly right: ExpressionNode;
    readonly loc: SourceLocation;
}
export interface NotNode {
    readonly kind: "Not";
    readonly operand: ExpressionNode;
    readonly loc: SourceLocation;
}
export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";
export interface ComparisonNode {
    readonly kind: "Comparison";
    readonly operator: ComparisonOperator;
    readonly left: OperandNode;
    readonly right: OperandNode;
    readonly loc: SourceLocation;
}
export interface InNode {
    readonly kind: "In";
    /** `NIN` (or the extension spelling `NOT IN`). */
    readonly negated: boolean;
    /** Spelled `NOT IN` rather than ADT's `NIN`. */
    readonly spelledNotIn: boolean;
    readonly operand: OperandNode;
    readonly items: readonly LiteralNode[];
    readonly loc: SourceLocation;
}
export interface IsOfModelNode {
    readonly kind: "IsOfModel";
    readonly alias: NameNode | null;
    readonly model: LiteralNode & {
        readonly value: string;
    };
    readonly exact: boolean;
    readonly loc: SourceLocation;
}
export type TypeCheckFunction = "IS_BOOL" | "IS_DEFINED" | "IS_NULL" | "IS_NUMBER" | "IS_OBJECT" | "IS_PRIMITIVE" | "IS_STRING";
export interface TypeCheckNode {
    readonly kind: "TypeCheck";
    readonly fn: TypeCheckFunction;
    readonly path: PathNode;
    readonly loc: SourceLocation;
}
export type StringMatchFunction = "STARTSWITH" | "ENDSWITH" | "CONTAINS";
export interface StringMatchNode {
    readonly kind: "StringMatch";
    readonly fn: StringMatchFunction;
    readonly path: PathNode;
    readonly value: LiteralNode & {
        readonly value: string;
    };
    readonly loc: SourceLocation;
}
export interface ArrayContainsNode {
    readonly kind: "ArrayContains";
    readonly path: PathNode;
    readonly value: LiteralNode;
    readonly loc: SourceLocation;
}
export type OperandNode = PathNode | LiteralNode;
export type LiteralValue = string | number | boolean | null;
export interface LiteralNode {
    readonly kind: "Literal";
    readonly value: LiteralValue;
    readonly loc: SourceLocation;
}
export interface OrderItemNode {
    readonly kind: "OrderItem";
    readonly value: PathNode | AggregateNode;
    readonly descending: boolean;
    readonly loc: SourceLocation;
}
