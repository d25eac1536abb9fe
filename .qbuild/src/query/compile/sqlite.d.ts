import type { LiteralValue, StringMatchFunction } from "../syntax/syntaxTree.js";
import { BaseCompiler, type JsonKind, type JsonRef, type SqlValue } from "./base.js";
/**
 * SQLite: `?` placeholders, JSON1 functions (`json_type`, `json_extract`, `->`, `json_each`),
 * and a per-row guard that calls back into JavaScript every 1,024 rows of each table so a
 * statement past its deadline can be stopped (better-sqlite3 has no interrupt).
 */
export declare class SqliteCompiler extends BaseCompiler {
    protected finalize(sql: string, params: readonly SqlValue[]): {
        sql: string;
        params: SqlValue[];
    };
    protected literalParam(value: LiteralValue): SqlValue;
    /** `$."a"."b"`: every key quoted JSON-style, so any character is safe. */
    protected jsonPathParam(segments: readonly string[]): SqlValue;
    protected typeTest(ref: JsonRef, kinds: readonly JsonKind[]): string;
    protected defined(ref: JsonRef): string;
    /** `json_extract` gives text, numbers, and 1/0 for booleans (bound as 1/0 too). */
    protected scalar(ref: JsonRef): string;
    protected jsonText(ref: JsonRef): string;
    protected orderValue(ref: JsonRef): string;
    protected stringMatch(fn: StringMatchFunction, value: string, needle: string): string;
    protected arrayContains(ref: JsonRef, value: LiteralValue, needle: string): string;
    protected versionNumber(column: string, offset: string): string;
    protected rowKey(alias: string): string;
    protected loopGuard(alias: string): string;
    protected orderTerm(sql: string, descending: boolean): string;
}
