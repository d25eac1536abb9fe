import { describe, expect, it } from "vitest";
import { analyzeQuery } from "../../src/query/analysis/analyzeQuery.js";
import {
  BaseCompiler,
  type JsonKind,
  type JsonRef,
  type PageRequest,
  type SqlValue,
} from "../../src/query/compile/base.js";
import { PostgresCompiler } from "../../src/query/compile/postgres.js";
import { SqliteCompiler } from "../../src/query/compile/sqlite.js";
import { queryLimitsFor } from "../../src/query/queryLimits.js";
import { parseQuery } from "../../src/query/syntax/parser.js";
import type { LiteralValue, StringMatchFunction } from "../../src/query/syntax/syntaxTree.js";

function compile(compiler: BaseCompiler, query: string, page: PageRequest = { after: null, limit: 3 }) {
  const analyzed = analyzeQuery(query, parseQuery(query), { compat: "doppel", limits: queryLimitsFor("doppel") });
  return compiler.compilePage(analyzed, page);
}

describe("SQLite compiler", () => {
  const sqlite = new SqliteCompiler();

  it("compiles a pinned lookup to an index probe with bound values (LIMIT is the server's own integer)", () => {
    expect(compile(sqlite, "SELECT * FROM DIGITALTWINS T WHERE T.$dtId = 'r1'")).toEqual({
      sql: "SELECT t0.rowid AS s0, t0.doc FROM twins t0 WHERE t0.id = ? ORDER BY s0 LIMIT 3",
      params: ["r1"],
      sortColumns: 1,
      output: { kind: "document", twin: true },
      paged: true,
    });
  });

  it("compiles JOINs with a keyset position, three-valued WHERE and a cancellation guard per hop", () => {
    expect(
      compile(
        sqlite,
        "SELECT T.name, C FROM DIGITALTWINS T JOIN C RELATED T.contains R WHERE T.$dtId IN ['a', 'b'] AND R.x > 1",
        {
          after: [3, 4],
          limit: 3,
        },
      ),
    ).toEqual({
      sql:
        "SELECT t0.rowid AS s0, e1.rowid AS s1, (t0.doc -> ?), t1.doc FROM twins t0" +
        " JOIN relationships e1 ON e1.source_id = t0.id AND e1.name = ? JOIN twins t1 ON t1.id = e1.target_id" +
        " WHERE (t0.id IN (?, ?) AND (CASE WHEN json_type(e1.doc, ?) IN ('integer', 'real') THEN json_extract(e1.doc, ?) > ? END))" +
        " AND ((e1.rowid & 1023) <> 0 OR doppel_query_tick()) AND (t0.rowid, e1.rowid) > (?, ?) ORDER BY s0, s1 LIMIT 3",
      params: ['$."name"', "contains", "a", "b", '$."x"', '$."x"', 1, 3, 4],
      sortColumns: 2,
      output: {
        kind: "object",
        columns: [
          { key: "name", encoding: "json" },
          { key: "C", encoding: "json", twin: true },
        ],
      },
      paged: true,
    });
  });

  it("resumes ORDER BY after a missing value (NULLs last when descending)", () => {
    const page = compile(
      sqlite,
      "SELECT T.$dtId FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, 'dtmi:a:b;2') ORDER BY T.temp DESC",
      {
        after: [null, 7],
        limit: 3,
      },
    );
    expect(page.sql).toBe(
      "SELECT json_extract(t0.doc, ?) AS s0, t0.rowid AS s1, t0.id FROM twins t0 WHERE t0.model_id IN" +
        " (SELECT ma.model_id FROM model_ancestry ma WHERE ma.ancestor_id >= ? AND ma.ancestor_id < ?" +
        " AND CAST(substr(ma.ancestor_id, ?) AS REAL) >= ?) AND ((json_extract(t0.doc, ?) IS NULL AND t0.rowid > ?))" +
        " ORDER BY s0 DESC, s1 LIMIT 3",
    );
    expect(page.params).toEqual(['$."temp"', "dtmi:a:b;", "dtmi:a:b<", 10, 2, '$."temp"', 7]);
  });

  it("skips twins nothing reads on a JOIN path", () => {
    expect(
      compile(
        sqlite,
        "SELECT R FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN R RELATED F.contains WHERE B.$dtId = 'b'",
      ).sql,
    ).toBe(
      "SELECT t0.rowid AS s0, e1.rowid AS s1, e2.rowid AS s2, t2.doc FROM twins t0" +
        " JOIN relationships e1 ON e1.source_id = t0.id AND e1.name = ?" +
        " JOIN relationships e2 ON e2.source_id = e1.target_id AND e2.name = ? JOIN twins t2 ON t2.id = e2.target_id" +
        " WHERE t0.id = ? AND ((e1.rowid & 1023) <> 0 OR doppel_query_tick()) AND ((e2.rowid & 1023) <> 0 OR doppel_query_tick())" +
        " ORDER BY s0, s1, s2 LIMIT 3",
    );
  });

  it("pages MATCH bindings before fetching documents", () => {
    expect(
      compile(sqlite, "SELECT b FROM DIGITALTWINS MATCH (a)-[:x]->(b) WHERE a.$dtId = 'a1'", {
        after: [1, 2],
        limit: 3,
      }).sql,
    ).toBe(
      "SELECT k.c0, k.c1, n1.doc FROM (SELECT c0, c1 FROM (SELECT DISTINCT n0.rowid AS c0, n1.rowid AS c1 FROM twins n0" +
        " JOIN relationships e0 ON e0.source_id = n0.id AND e0.name = ? JOIN twins n1 ON n1.id = e0.target_id" +
        " WHERE n0.id = ? AND ((e0.rowid & 1023) <> 0 OR doppel_query_tick()) AND n0.id <> n1.id AND (n0.rowid, n1.rowid) > (?, ?))" +
        " AS b ORDER BY c0, c1 LIMIT 3) AS k JOIN twins n1 ON n1.rowid = k.c1 ORDER BY k.c0, k.c1",
    );
  });

  it("unrolls hop ranges into one SELECT per hop count", () => {
    const { sql } = compile(sqlite, "SELECT b FROM DIGITALTWINS MATCH (a)-[*..3]->(b) WHERE a.$dtId = 'a1'");
    expect(sql.split(" UNION ")).toHaveLength(3);
    expect(sql).toContain("JOIN relationships e0_3 ON e0_3.source_id = e0_2.target_id");
    expect(sql).toContain("e0_1.target_id <> e0_2.target_id");
  });

  it("pages groups with HAVING on the group key", () => {
    expect(
      compile(sqlite, "SELECT T.kind, COUNT() AS n FROM DIGITALTWINS T GROUP BY T.kind", { after: ['"x"'], limit: 3 }),
    ).toMatchObject({
      sql: "SELECT (t0.doc -> ?) AS s0, (t0.doc -> ?), COUNT(*) FROM twins t0 GROUP BY (t0.doc -> ?) HAVING (((t0.doc -> ?) > ?)) ORDER BY s0 LIMIT 3",
      sortColumns: 1,
    });
  });

  it("folds literal-only comparisons and never emits user text", () => {
    expect(compile(sqlite, "SELECT COUNT() FROM DIGITALTWINS WHERE 'a' = 1 OR NOT (2 > 1)").sql).toBe(
      "SELECT COUNT(*) FROM twins t0 WHERE (NULL OR (NOT TRUE))",
    );
  });
});

/**
 * The dialect seam: a PostgreSQL-flavoured compiler is only the differences. This one renders
 * `$n` placeholders (reusing a number for a repeated value) and jsonb operators.
 */
class PostgresLikeCompiler extends BaseCompiler {
  protected finalize(sql: string, params: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
    const ordered: SqlValue[] = [];
    const numbers = new Map<number, number>();
    const text = this.replaceMarks(sql, (index) => {
      let number = numbers.get(index);
      if (number === undefined) {
        ordered.push(params[index]!);
        number = ordered.length;
        numbers.set(index, number);
      }
      return `$${number}`;
    });
    return { sql: text, params: ordered };
  }
  protected literalParam(value: LiteralValue): SqlValue {
    return typeof value === "boolean" ? String(value) : value;
  }
  protected jsonPathParam(segments: readonly string[]): SqlValue {
    return `{${segments.map((segment) => JSON.stringify(segment)).join(",")}}`;
  }
  protected typeTest(ref: JsonRef, kinds: readonly JsonKind[]): string {
    return `jsonb_typeof(${ref.doc} #> ${ref.path}) IN (${kinds.map((kind) => `'${kind}'`).join(", ")})`;
  }
  protected defined(ref: JsonRef): string {
    return `(${ref.doc} #> ${ref.path}) IS NOT NULL`;
  }
  protected scalar(ref: JsonRef): string {
    return `(${ref.doc} #>> ${ref.path})`;
  }
  protected jsonText(ref: JsonRef): string {
    return `(${ref.doc} #> ${ref.path})::text`;
  }
  protected orderValue(ref: JsonRef): string {
    return `(${ref.doc} #> ${ref.path})`;
  }
  protected stringMatch(_fn: StringMatchFunction, value: string, needle: string): string {
    return `starts_with(${value}, ${needle})`;
  }
  protected arrayContains(ref: JsonRef, _value: LiteralValue, needle: string): string {
    return `(${ref.doc} #> ${ref.path}) @> jsonb_build_array(${needle})`;
  }
  protected versionNumber(column: string, offset: string): string {
    return `substring(${column} from ${offset})::numeric`;
  }
  protected rowKey(alias: string): string {
    return `${alias}.seq`;
  }
  protected loopGuard(): null {
    return null;
  }
  protected orderTerm(sql: string, descending: boolean): string {
    return descending ? `${sql} DESC NULLS LAST` : `${sql} ASC NULLS FIRST`;
  }
}

describe("dialect seam", () => {
  it("lets another dialect number and reuse placeholders and render its own JSON access", () => {
    const page = compile(
      new PostgresLikeCompiler(),
      "SELECT * FROM DIGITALTWINS T WHERE STARTSWITH(T.name, 'a') AND T.$dtId > 'b'",
      {
        after: [5],
        limit: 2,
      },
    );
    expect(page.sql).toBe(
      "SELECT t0.seq AS s0, t0.doc FROM twins t0 WHERE ((CASE WHEN jsonb_typeof(t0.doc #> $1) IN ('string') THEN starts_with((t0.doc #>> $1), $2) END)" +
        " AND t0.id > $3) AND t0.seq > $4 ORDER BY s0 ASC NULLS FIRST LIMIT 2",
    );
    expect(page.params).toEqual(['{"name"}', "a", "b", 5]);
  });
});

describe("derived tables", () => {
  /** The text after each `FROM (...)` subquery's closing parenthesis (PostgreSQL before 16 needs an alias there). */
  function afterDerivedTables(sql: string): string[] {
    const opens: boolean[] = [];
    const after: string[] = [];
    for (let i = 0; i < sql.length; i++) {
      if (sql[i] === "(") opens.push(/\bFROM\s*$/.test(sql.slice(0, i)));
      if (sql[i] === ")" && opens.pop()) after.push(sql.slice(i + 1, i + 8));
    }
    return after;
  }

  it("are all aliased by the base compiler, in every dialect", () => {
    const queries = [
      "SELECT b FROM DIGITALTWINS MATCH (a)-[:x]->(b) WHERE a.$dtId = 'a1'",
      "SELECT b FROM DIGITALTWINS MATCH (a)-[*..3]->(b) WHERE a.$dtId = 'a1'",
      "SELECT COUNT() FROM DIGITALTWINS MATCH (a)-[:x]->(b) WHERE a.$dtId = 'a1'",
      "SELECT COUNT() FROM DIGITALTWINS MATCH (a)-[*1..2]->(b)",
      "SELECT a, b FROM DIGITALTWINS MATCH (a)-[:x]->(b) ORDER BY a.name",
    ];
    for (const compiler of [new SqliteCompiler(), new PostgresCompiler()]) {
      for (const query of queries) {
        const after = afterDerivedTables(compile(compiler, query).sql);
        expect(after.length, query).toBeGreaterThan(0);
        for (const text of after) expect(text, query).toMatch(/^ AS [a-z]/);
      }
    }
  });
});
