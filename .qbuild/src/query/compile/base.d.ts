import type { AnalyzedQuery, BoundExpression } from "../analysis/boundQuery.js";
import type { LiteralValue, StringMatchFunction } from "../syntax/syntaxTree.js";
/**
 * Compiles an analysed query into one SQL statement per page. This base class owns the shape of
 * the SQL (patterns, three-valued WHERE, grouping, keyset paging); a dialect subclass supplies
 * only the differences: placeholders, JSON access, type tests, string functions, cancellation.
 *
 * Every value is a bound parameter, JSON paths included; identifiers in the SQL text are the
 * compiler's own (`t0`, `e1`, `n2`), never the user's.
 *
 * Rows are ordered by a stable key (twin ids and relationship ids, or the ORDER BY values with
 * the key as tie-breaker) and a page resumes strictly after the previous page's last key, so
 * concurrent writes never repeat or skip a row that exists throughout.
 */
export type SqlValue = string | number | null;
export interface PageRequest {
    /** The sort values of the previous page's last row; null for the first page. */
    readonly after: readonly SqlValue[] | null;
    /** Rows to fetch: one more than the page holds, to learn whether another page follows. */
    readonly limit: number;
}
export type OutputEncoding = "json" | "string" | "value";
export interface OutputColumn {
    readonly key: string;
    /** `json`: JSON text (SQL NULL = undefined, key omitted); `string`: a text column; `value`: a number or text, NULL omitted. */
    readonly encoding: OutputEncoding;
    /** The column is a whole twin document (older api-versions show less of its metadata). */
    readonly twin?: boolean;
}
export type OutputShape = {
    readonly kind: "document";
    readonly twin: boolean;
} | {
    readonly kind: "object";
    readonly columns: readonly OutputColumn[];
};
export interface CompiledPage {
    readonly sql: string;
    readonly params: readonly SqlValue[];
    /** Leading result columns that give a row's keyset position. */
    readonly sortColumns: number;
    /** Columns after the sort columns. */
    readonly output: OutputShape;
    /** False for single-row aggregates. */
    readonly paged: boolean;
}
/** JSON value kinds as ADT's type functions see them. */
export type JsonKind = "string" | "number" | "true" | "false" | "null" | "object" | "array";
/** A path in a document column; `path` is the placeholder of its bound path parameter. */
export interface JsonRef {
    readonly doc: string;
    readonly path: string;
}
export declare abstract class BaseCompiler {
    private params;
    compilePage(query: AnalyzedQuery, page: PageRequest): CompiledPage;
    /** Turns parameter marks into placeholders, ordering (and, for `?`, repeating) the values. */
    protected abstract finalize(sql: string, params: readonly SqlValue[]): {
        sql: string;
        params: SqlValue[];
    };
    protected abstract literalParam(value: LiteralValue): SqlValue;
    protected abstract jsonPathParam(segments: readonly string[]): SqlValue;
    /** TRUE when the value has one of the kinds, FALSE for other kinds, NULL when it is missing. */
    protected abstract typeTest(ref: JsonRef, kinds: readonly JsonKind[]): string;
    /** TRUE when the path exists (with any value, null included), else FALSE. */
    protected abstract defined(ref: JsonRef): string;
    /** The value as a comparable SQL scalar, for a value known to be of this kind. */
    protected abstract scalar(ref: JsonRef, kind: "string" | "number" | "boolean"): string;
    /** The value as JSON text, NULL when missing (output and grouping). */
    protected abstract jsonText(ref: JsonRef): string;
    /** The value for ORDER BY and MIN/MAX: numbers numerically, strings by code point. */
    protected abstract orderValue(ref: JsonRef): string;
    protected abstract stringMatch(fn: StringMatchFunction, value: string, needle: string): string;
    /** EXISTS over the array's top-level elements equal to the literal (kind and value). */
    protected abstract arrayContains(ref: JsonRef, value: LiteralValue, needle: string): string;
    /** The numeric version in `column` from character `offset` (1-based) on. */
    protected abstract versionNumber(column: string, offset: string): string;
    /** The row's stable key in the table (SQLite: rowid); rows are paged in this order. */
    protected abstract rowKey(alias: string): string;
    /** A condition evaluated per row of `alias` that lets a runaway statement be cancelled, or null. */
    protected abstract loopGuard(alias: string): string | null;
    /** ORDER BY term with SQLite's NULL placement: first when ascending, last when descending. */
    protected abstract orderTerm(sql: string, descending: boolean): string;
    protected bind(value: SqlValue): string;
    /** For `finalize`: replaces each mark, in text order, by what `placeholder` returns for its parameter. */
    protected replaceMarks(sql: string, placeholder: (index: number) => string): string;
    private compileRows;
    /**
     * MATCH rows in key order: the distinct bindings are paged first (keyset inside every path
     * shape), then only the page's rows fetch their documents.
     */
    private compileMatchRows;
    private compileGroups;
    private compileTotal;
    /** FROM, pattern conditions (WHERE included) and the row key of a query's rows. */
    private rowSource;
    /**
     * WHERE plus a cancellation guard on every relationship hop: joins and paths are where work can
     * grow without bound. A single-collection scan is bounded by the table and pays no guard.
     */
    private withGuards;
    /**
     * The distinct bindings of a MATCH: one SELECT per combination of hop counts (`*..3` is one,
     * two and three hops), united with UNION so each binding appears once. Every twin on a path,
     * named or not, is distinct from every other: a path never revisits a twin.
     */
    private matchBindings;
    private matchBranch;
    /** One relationship hop from `previous`, in the edge's direction. */
    private hopStep;
    /** The row keys of named twins and relationship variables, in pattern order. */
    private matchKeys;
    /**
     * Joins onto the bindings `k` the rows of the named twins and relationship variables that the
     * output, GROUP BY or ORDER BY read (WHERE was applied inside the bindings).
     */
    private matchDocumentJoins;
    private nameCondition;
    private rowOutput;
    private itemPath;
    /** Grouping keys: a collection groups by its identity, a path by its JSON value. */
    private groupKeySql;
    private groupedColumn;
    private aggregateSql;
    private orderSql;
    private orderByAliases;
    /** Rows strictly after `values` in the order the terms define (NULLs first ascending, last descending). */
    private after;
    private sameAs;
    private beyond;
    /**
     * A WHERE expression as SQL that is TRUE, FALSE or NULL (ADT's undefined) exactly when the
     * ADT expression is. SQL's AND/OR/NOT then match ADT's three-valued logic, and only TRUE rows
     * survive. Missing properties and mismatched types are NULL, never errors.
     */
    protected predicate(expression: BoundExpression): string;
    private comparison;
    /** Two paths compare when both hold strings, numbers, booleans or nulls; otherwise undefined. */
    private comparePaths;
    /** IN: TRUE when the value equals an item of the same kind, FALSE otherwise, NULL when missing. */
    private membership;
    /**
     * Without `exact`: the twin's model, or a model it extends, has the argument's DTMI without
     * version and a version at least the argument's. With `exact`: the model id itself.
     */
    private isOfModel;
    private typeCheck;
    /** STARTSWITH / ENDSWITH / CONTAINS: case-sensitive; undefined unless the value is a string. */
    private stringFunction;
    /** ARRAY_CONTAINS: top-level elements only; undefined unless the value is an array. */
    private arrayContainsPredicate;
    private ref;
    private whereClause;
}
