import type { LiteralValue, StringMatchFunction } from "../syntax/syntaxTree.js";
import { BaseCompiler, type JsonKind, type JsonRef, type SqlValue } from "./base.js";
/**
 * PostgreSQL: `$n` placeholders, JSONB operators on the `body` column (the store keeps the exact
 * document text in `doc` for output and a JSONB copy in `body` for this), `rk` as the row key,
 * and no per-row guard: the runner sets `statement_timeout`, so PostgreSQL cancels a statement
 * itself.
 *
 * Details that differ from SQLite:
 * - JSON paths are `text[]` parameters (`{"a","b"}`) for `#>` / `#>>`. A path bound twice gets
 *   one placeholder, so a GROUP BY expression and the same expression in SELECT are identical
 *   text, as PostgreSQL requires.
 * - Strings compare and sort by code point (`COLLATE "C"`), like SQLite's BINARY.
 * - ORDER BY and MIN/MAX over a JSON value use a JSONB sort key in SQLite's order (missing and
 *   null first, then numbers, then strings); strings compare by the database collation, so a
 *   database created with C or C.UTF-8 sorts as SQLite does. Sort keys travel in continuation
 *   tokens as JSON text. MIN and MAX over jsonb are aggregates of the store's schema.
 * - NULLs sort first ascending and last descending, as in SQLite.
 */
export declare class PostgresCompiler extends BaseCompiler {
    private pendingPath;
    private readonly pathParams;
    protected finalize(sql: string, params: readonly SqlValue[]): {
        sql: string;
        params: SqlValue[];
    };
    protected bind(value: SqlValue): string;
    /** Booleans as `true`/`false`, which PostgreSQL reads as boolean where one is expected. */
    protected literalParam(value: LiteralValue): SqlValue;
    /** A `text[]` literal: every element double-quoted, so any character is safe. */
    protected jsonPathParam(segments: readonly string[]): SqlValue;
    protected typeTest(ref: JsonRef, kinds: readonly JsonKind[]): string;
    protected defined(ref: JsonRef): string;
    protected scalar(ref: JsonRef, kind: "string" | "number" | "boolean"): string;
    protected jsonText(ref: JsonRef): string;
    /**
     * A JSONB sort key in SQLite's order (see `doppel_sort_key` in the store's schema). It is built
     * from `jsonText`, the grouping key, so ORDER BY a grouped path is valid in a GROUP BY query.
     */
    protected orderValue(ref: JsonRef): string;
    protected stringMatch(fn: StringMatchFunction, value: string, needle: string): string;
    protected arrayContains(ref: JsonRef, value: LiteralValue, needle: string): string;
    /** DTMI versions are digits with an optional fraction; anything else is no version. */
    protected versionNumber(column: string, offset: string): string;
    protected rowKey(alias: string): string;
    protected loopGuard(): string | null;
    protected orderTerm(sql: string, descending: boolean): string;
    /** The JSONB copy of the document the base compiler names `<alias>.doc`. */
    private body;
    private value;
}
/**
 * PostgreSQL before 16 requires an alias on every subquery in FROM; the base compiler leaves
 * some without one. Adds ` AS d<n>` after each `FROM (...)` that has none. The statement holds
 * no user text (values are parameters), so only the dialect's own string literals need skipping.
 */
export declare function aliasDerivedTables(sql: string): string;
