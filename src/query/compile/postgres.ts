import type { LiteralValue, StringMatchFunction } from "../syntax/syntaxTree.js";
import { BaseCompiler, type JsonKind, type JsonRef, type SqlValue } from "./base.js";

const typeofNames: Readonly<Record<Exclude<JsonKind, "true" | "false">, string>> = {
  string: "'string'",
  number: "'number'",
  null: "'null'",
  object: "'object'",
  array: "'array'",
};

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
export class PostgresCompiler extends BaseCompiler {
  private pendingPath: SqlValue | undefined;
  private readonly pathParams = new Set<number>();

  protected finalize(sql: string, params: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
    const ordered: SqlValue[] = [];
    const numbers = new Map<number, number>();
    const pathNumbers = new Map<SqlValue, number>();
    const text = this.replaceMarks(sql, (index) => {
      let number = numbers.get(index);
      if (number === undefined) {
        const value = params[index]!;
        number = this.pathParams.has(index) ? pathNumbers.get(value) : undefined;
        if (number === undefined) {
          ordered.push(value);
          number = ordered.length;
          if (this.pathParams.has(index)) pathNumbers.set(value, number);
        }
        numbers.set(index, number);
      }
      return `$${number}`;
    });
    this.pathParams.clear();
    return { sql: text, params: ordered };
  }

  protected override bind(value: SqlValue): string {
    const placeholder = super.bind(value);
    if (this.pendingPath !== undefined && value === this.pendingPath) {
      this.pathParams.add(Number(/\d+/.exec(placeholder)![0]));
    }
    this.pendingPath = undefined;
    return placeholder;
  }

  /** Booleans as `true`/`false`, which PostgreSQL reads as boolean where one is expected. */
  protected literalParam(value: LiteralValue): SqlValue {
    return typeof value === "boolean" ? String(value) : value;
  }

  /** A `text[]` literal: every element double-quoted, so any character is safe. */
  protected jsonPathParam(segments: readonly string[]): SqlValue {
    const literal = `{${segments.map((segment) => `"${segment.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
    this.pendingPath = literal;
    return literal;
  }

  protected typeTest(ref: JsonRef, kinds: readonly JsonKind[]): string {
    const value = this.value(ref);
    const names = new Set<string>();
    for (const kind of kinds) if (kind !== "true" && kind !== "false") names.add(typeofNames[kind]);
    const parts: string[] = [];
    const wantsTrue = kinds.includes("true");
    const wantsFalse = kinds.includes("false");
    if (wantsTrue && wantsFalse) names.add("'boolean'");
    if (names.size === 1) parts.push(`jsonb_typeof(${value}) = ${[...names][0]}`);
    if (names.size > 1) parts.push(`jsonb_typeof(${value}) IN (${[...names].join(", ")})`);
    if (wantsTrue !== wantsFalse) parts.push(`${value} = '${wantsTrue}'::jsonb`);
    return parts.length === 1 ? parts[0]! : `(${parts.join(" OR ")})`;
  }

  protected defined(ref: JsonRef): string {
    return `(${this.value(ref)} IS NOT NULL)`;
  }

  protected scalar(ref: JsonRef, kind: "string" | "number" | "boolean"): string {
    switch (kind) {
      case "string":
        return `((${this.body(ref)} #>> ${ref.path}::text[]) COLLATE "C")`;
      case "number":
        return `(${this.value(ref)})::numeric`;
      case "boolean":
        return `(${this.value(ref)})::boolean`;
    }
  }

  protected jsonText(ref: JsonRef): string {
    return `(${this.value(ref)})::text`;
  }

  /**
   * A JSONB sort key in SQLite's order (see `doppel_sort_key` in the store's schema). It is built
   * from `jsonText`, the grouping key, so ORDER BY a grouped path is valid in a GROUP BY query.
   */
  protected orderValue(ref: JsonRef): string {
    return `doppel_sort_key((${this.jsonText(ref)})::jsonb)`;
  }

  protected stringMatch(fn: StringMatchFunction, value: string, needle: string): string {
    switch (fn) {
      case "STARTSWITH":
        return `starts_with(${value}, ${needle}::text)`;
      case "ENDSWITH":
        return `(right(${value}, length(${needle}::text)) = ${needle}::text)`;
      case "CONTAINS":
        return `(strpos(${value}, ${needle}::text) > 0)`;
    }
  }

  protected arrayContains(ref: JsonRef, value: LiteralValue, needle: string): string {
    const element =
      value === null || typeof value === "boolean"
        ? `'${String(value)}'::jsonb`
        : typeof value === "number"
          ? `to_jsonb(${needle}::numeric)`
          : `to_jsonb(${needle}::text)`;
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(${this.value(ref)}) AS je(v) WHERE je.v = ${element})`;
  }

  /** DTMI versions are digits with an optional fraction; anything else is no version. */
  protected versionNumber(column: string, offset: string): string {
    const suffix = `substr(${column}, ${offset}::integer)`;
    return `(CASE WHEN ${suffix} ~ '^[0-9]+(\\.[0-9]+)?$' THEN ${suffix}::numeric END)`;
  }

  protected rowKey(alias: string): string {
    return `${alias}.rk`;
  }

  protected loopGuard(): string | null {
    return null;
  }

  protected orderTerm(sql: string, descending: boolean): string {
    return descending ? `${sql} DESC NULLS LAST` : `${sql} ASC NULLS FIRST`;
  }

  /** The JSONB copy of the document the base compiler names `<alias>.doc`. */
  private body(ref: JsonRef): string {
    return ref.doc.replace(/\.doc$/, ".body");
  }

  private value(ref: JsonRef): string {
    return `(${this.body(ref)} #> ${ref.path}::text[])`;
  }
}
