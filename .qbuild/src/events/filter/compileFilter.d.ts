import type { ComparisonOperator } from "./filterSyntax.js";
/** A CloudEvent as stored in the outbox (structured JSON, `data` inline). */
export type EventObject = Readonly<Record<string, unknown>>;
export type EventPredicate = (event: EventObject) => boolean;
export interface CompiledFilter {
    readonly text: string;
    readonly matches: EventPredicate;
    /** `true` matches everything without reading the event (the dispatcher skips parsing then). */
    readonly matchesAll: boolean;
    readonly matchesNothing: boolean;
}
/** Parses and compiles a filter into a predicate of closures (evaluated per event, so no tree walk). */
export declare function compileFilter(text: string): CompiledFilter;
/**
 * SQL-like: a missing value (`undefined`) makes every comparison false, `!=` included. Values of
 * different types are never equal; ordering compares numbers with numbers and strings with
 * strings (ordinal, case-sensitive).
 */
export declare function compare(operator: ComparisonOperator, a: unknown, b: unknown): boolean;
