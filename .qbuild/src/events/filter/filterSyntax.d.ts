/**
 * The syntax tree of an event route filter. Plain readonly data; `offset` is the 0-based index
 * of the node's first character in the filter text (errors turn it into Line/Position).
 */
export type FilterNode = LiteralNode | AttributeNode | BodyPathNode | NotNode | LogicalNode | ComparisonNode | CallNode;
export type LiteralValue = string | number | boolean | null;
export interface LiteralNode {
    readonly kind: "literal";
    readonly offset: number;
    readonly value: LiteralValue;
}
/** A CloudEvents context attribute (`type`, `subject`, …) or the legacy `$eventType`. */
export interface AttributeNode {
    readonly kind: "attribute";
    readonly offset: number;
    readonly name: string;
}
/** `$body.a.b`: a member path into the event's `data`; an empty path is `$body` itself. */
export interface BodyPathNode {
    readonly kind: "body";
    readonly offset: number;
    readonly path: readonly string[];
}
export interface NotNode {
    readonly kind: "not";
    readonly offset: number;
    readonly operand: FilterNode;
}
export interface LogicalNode {
    readonly kind: "and" | "or";
    readonly offset: number;
    readonly left: FilterNode;
    readonly right: FilterNode;
}
export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";
export interface ComparisonNode {
    readonly kind: "comparison";
    readonly offset: number;
    readonly operator: ComparisonOperator;
    readonly left: FilterNode;
    readonly right: FilterNode;
}
/** A function call; `name` is upper-cased (function names are not case-sensitive). */
export interface CallNode {
    readonly kind: "call";
    readonly offset: number;
    readonly name: string;
    readonly args: readonly FilterNode[];
}
