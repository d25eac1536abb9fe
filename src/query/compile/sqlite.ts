import { queryTickFunction } from "../../store/sqlite/sqliteQueryRunner.js";
import type { LiteralValue, StringMatchFunction } from "../syntax/syntaxTree.js";
import { BaseCompiler, type JsonKind, type JsonRef, type SqlValue } from "./base.js";

const jsonTypeNames: Readonly<Record<JsonKind, readonly string[]>> = {
  string: ["'text'"],
  number: ["'integer'", "'real'"],
  true: ["'true'"],
  false: ["'false'"],
  null: ["'null'"],
  object: ["'object'"],
  array: ["'array'"],
};

/**
 * SQLite: `?` placeholders, JSON1 functions (`json_type`, `json_extract`, `->`, `json_each`),
 * and a per-row guard that calls back into JavaScript every 1,024 rows of each table so a
 * statement past its deadline can be stopped (better-sqlite3 has no interrupt).
 */
export class SqliteCompiler extends BaseCompiler {
  protected finalize(sql: string, params: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
    const ordered: SqlValue[] = [];
    const text = this.replaceMarks(sql, (index) => {
      ordered.push(params[index]!);
      return "?";
    });
    return { sql: text, params: ordered };
  }

  protected literalParam(value: LiteralValue): SqlValue {
    return typeof value === "boolean" ? (value ? 1 : 0) : value;
  }

  /** `$."a"."b"`: every key quoted JSON-style, so any character is safe. */
  protected jsonPathParam(segments: readonly string[]): SqlValue {
    return `$${segments.map((segment) => `.${JSON.stringify(segment)}`).join("")}`;
  }

  protected typeTest(ref: JsonRef, kinds: readonly JsonKind[]): string {
    const names = kinds.flatMap((kind) => jsonTypeNames[kind]);
    const type = `json_type(${ref.doc}, ${ref.path})`;
    return names.length === 1 ? `${type} = ${names[0]}` : `${type} IN (${names.join(", ")})`;
  }

  protected defined(ref: JsonRef): string {
    return `json_type(${ref.doc}, ${ref.path}) IS NOT NULL`;
  }

  /** `json_extract` gives text, numbers, and 1/0 for booleans (bound as 1/0 too). */
  protected scalar(ref: JsonRef): string {
    return `json_extract(${ref.doc}, ${ref.path})`;
  }

  protected jsonText(ref: JsonRef): string {
    return `(${ref.doc} -> ${ref.path})`;
  }

  protected orderValue(ref: JsonRef): string {
    return `json_extract(${ref.doc}, ${ref.path})`;
  }

  protected stringMatch(fn: StringMatchFunction, value: string, needle: string): string {
    switch (fn) {
      case "STARTSWITH":
        return `substr(${value}, 1, length(${needle})) = ${needle}`;
      case "ENDSWITH":
        return `substr(${value}, -length(${needle})) = ${needle}`;
      case "CONTAINS":
        return `instr(${value}, ${needle}) > 0`;
    }
  }

  protected arrayContains(ref: JsonRef, value: LiteralValue, needle: string): string {
    const element =
      value === null
        ? "je.type = 'null'"
        : typeof value === "boolean"
          ? `je.type = '${value}'`
          : typeof value === "number"
            ? `je.type IN ('integer', 'real') AND je.value = ${needle}`
            : `je.type = 'text' AND je.value = ${needle}`;
    return `EXISTS (SELECT 1 FROM json_each(${ref.doc}, ${ref.path}) AS je WHERE ${element})`;
  }

  protected versionNumber(column: string, offset: string): string {
    return `CAST(substr(${column}, ${offset}) AS REAL)`;
  }

  protected rowKey(alias: string): string {
    return `${alias}.rowid`;
  }

  protected loopGuard(alias: string): string {
    return `((${alias}.rowid & 1023) <> 0 OR ${queryTickFunction}())`;
  }

  /** SQLite's unary plus: the term can no longer drive the join through an index. */
  protected override filterOnly(column: string): string {
    return `+${column}`;
  }

  protected orderTerm(sql: string, descending: boolean): string {
    return descending ? `${sql} DESC` : sql;
  }
}
