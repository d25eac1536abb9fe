import { describe, expect, it } from "vitest";
import type { ScopeFilter } from "../../src/auth/scopeFilter.js";
import type { ScopePredicateCompiler } from "../../src/auth/scopePredicateCompiler.js";
import { scopeSqlFor, statementScopeFor, type TwinColumns } from "../../src/auth/scopeSqlFor.js";
import { parseTwinScope } from "../../src/auth/twinScope.js";
import { analyzeQuery } from "../../src/query/analysis/analyzeQuery.js";
import { type BaseCompiler, replaceQuestionMarks, type TwinFilter } from "../../src/query/compile/base.js";
import { PostgresCompiler } from "../../src/query/compile/postgres.js";
import { SqliteCompiler } from "../../src/query/compile/sqlite.js";
import { createScopePredicateCompiler } from "../../src/query/createScopePredicateCompiler.js";
import { queryLimitsFor } from "../../src/query/queryLimits.js";
import { parseQuery } from "../../src/query/syntax/parser.js";
import type { QueryRunOptions, QueryStatement } from "../../src/store/ports/queryRunner.js";
import { createQueryHarness } from "./support/queryHarness.js";

/** Twin scopes in compiled statements; the end-to-end leakage suite is test/auth/leakage.test.ts. */

function analyze(query: string) {
  return analyzeQuery(query, parseQuery(query), { compat: "doppel", limits: queryLimitsFor("doppel") });
}

/** A filter that records where the compiler applied it and renders a marker condition. */
function recording(): { filter: TwinFilter; columns: TwinColumns[] } {
  const columns: TwinColumns[] = [];
  return {
    columns,
    filter: {
      ctes: null,
      condition: (c) => {
        columns.push(c);
        return { sql: `visible(${c.id}, ?)`, params: [`p${columns.length}`] };
      },
    },
  };
}

function applied(compiler: BaseCompiler, query: string): TwinColumns[] {
  const { filter, columns } = recording();
  compiler.compilePage(analyze(query), { after: null, limit: 10 }, filter);
  return columns;
}

const row = (alias: string): TwinColumns => ({ id: `${alias}.id`, model: `${alias}.model_id`, row: alias });
/** Every position but the pattern's first is a filter only: SQLite's `+` keeps it from driving the join. */
const filterRow = (alias: string): TwinColumns => ({ id: `+${alias}.id`, model: `+${alias}.model_id`, row: alias });

describe("the scope on every twin of a statement", () => {
  const sqlite = new SqliteCompiler();

  it("covers the FROM twin, JOIN targets (read or passed through) and both ends of relationships", () => {
    expect(applied(sqlite, "SELECT * FROM DIGITALTWINS")).toEqual([row("t0")]);
    expect(applied(sqlite, "SELECT COUNT() FROM RELATIONSHIPS")).toEqual([
      { id: "r0.source_id" },
      { id: "r0.target_id" },
    ]);
    expect(
      applied(sqlite, "SELECT C.name FROM DIGITALTWINS B JOIN F RELATED B.contains JOIN C RELATED F.contains"),
    ).toEqual([row("t0"), { id: "+e1.target_id" }, filterRow("t2")]);
  });

  it("covers every MATCH node and every twin a multi-hop edge passes through, in every branch", () => {
    expect(applied(sqlite, "SELECT a, b FROM DIGITALTWINS MATCH (a)-[:x*3]->(b)")).toEqual([
      row("n0"),
      { id: "+e0_1.target_id" },
      { id: "+e0_2.target_id" },
      filterRow("n1"),
    ]);
    expect(applied(new PostgresCompiler(), "SELECT a, b FROM DIGITALTWINS MATCH (a)-[:x*2]->(b)")).toEqual([
      row("n0"),
      { id: "e0_1.target_id" },
      row("n1"),
    ]);
    const any = applied(sqlite, "SELECT b FROM DIGITALTWINS MATCH (a)-[*..2]-()<-[:y]-(b)");
    // Two branches (1 and 2 hops); the anonymous node and the intermediate hop are scoped too.
    expect(any.filter((c) => c.row === "n0")).toHaveLength(2);
    expect(any.filter((c) => c.row === "n1")).toHaveLength(2);
    expect(any.filter((c) => c.row === "n2")).toHaveLength(2);
    expect(any.filter((c) => c.row === undefined).map((c) => c.id)).toEqual([
      "+(CASE WHEN e0_1.source_id = n0.id THEN e0_1.target_id ELSE e0_1.source_id END)",
    ]);
  });

  it("binds the fragment's values as parameters of the statement, in the dialect's placeholders", () => {
    const { filter } = recording();
    const query = analyze("SELECT COUNT() FROM DIGITALTWINS A JOIN B RELATED A.x WHERE A.name = 'n'");
    const lite = sqlite.compilePage(query, { after: null, limit: 1 }, filter);
    expect(lite.sql).toBe(
      "SELECT COUNT(*) FROM twins t0 JOIN relationships e1 ON e1.source_id = t0.id AND e1.name = ?" +
        " WHERE (CASE WHEN json_type(t0.doc, ?) = 'text' THEN json_extract(t0.doc, ?) = ? END)" +
        " AND ((e1.rowid & 1023) <> 0 OR doppel_query_tick()) AND (visible(t0.id, ?)) AND (visible(+e1.target_id, ?))",
    );
    expect(lite.params).toEqual(["x", '$."name"', '$."name"', "n", "p1", "p2"]);
    const pg = new PostgresCompiler().compilePage(query, { after: null, limit: 1 }, recording().filter);
    expect(pg.sql).toContain("AND (visible(t0.id, $4)) AND (visible(e1.target_id, $5))");
    expect(pg.params).toEqual(["x", '{"name"}', "n", "p1", "p2"]);
  });

  it("computes subgraph reachability once per statement, in a WITH RECURSIVE heading it", () => {
    const scope: ScopeFilter = {
      kind: "some",
      scopes: [
        { kind: "subgraph", root: "bA", relationships: ["contains"] },
        { kind: "models", models: ["dtmi:x:A;1"] },
      ],
    };
    const query = analyze("SELECT COUNT() FROM DIGITALTWINS MATCH (a)-[*..2]->(b)");
    const page = sqlite.compilePage(query, { after: null, limit: 1 }, statementScopeFor(scope));
    expect(
      page.sql.startsWith("WITH RECURSIVE scope_reach0(id) AS (SELECT scope_root0.id FROM twins scope_root0"),
    ).toBe(true);
    expect(page.sql.match(/WITH RECURSIVE/g)).toHaveLength(1);
    // Two branches: a and b, then a, the hop and b.
    expect(page.sql.match(/IN \(SELECT id FROM scope_reach0\)/g)).toHaveLength(5);
    expect(page.sql.match(/model_ancestry scope_a1/g)).toHaveLength(5);
    expect(page.params.slice(0, 2)).toEqual(["bA", "contains"]);
    const pg = new PostgresCompiler().compilePage(query, { after: null, limit: 1 }, statementScopeFor(scope));
    expect(pg.sql).toMatch(
      /^WITH RECURSIVE scope_reach0\(id\) AS \(.* scope_root0\.id = \$1 UNION .* IN \(\$2\)\) SELECT/,
    );
    expect(pg.params.slice(0, 2)).toEqual(["bA", "contains"]);
  });

  it("leaves question marks inside quoted text alone", () => {
    let n = 0;
    const next = () => `$${++n}`;
    expect(replaceQuestionMarks("a = ? AND b ~ '^x?$' AND \"c?\" = ? AND d = 'it''s?'", next)).toBe(
      "a = $1 AND b ~ '^x?$' AND \"c?\" = $2 AND d = 'it''s?'",
    );
  });

  it("adds no SQL at all for instance-wide callers (the fast path is unchanged)", async () => {
    const harness = createQueryHarness({ twins: [{ id: "a", model: "dtmi:x:A;1" }] });
    const statements: string[] = [];
    type Run = (statement: QueryStatement, options: QueryRunOptions) => Promise<unknown[][]>;
    const runner = (harness.service as unknown as { runner: { run: Run } }).runner;
    const run = runner.run.bind(runner);
    runner.run = (statement, options) => {
      statements.push(statement.sql);
      return run(statement, options);
    };
    try {
      const query = "SELECT * FROM DIGITALTWINS WHERE $dtId = 'a'";
      const plain = await harness.page({ query });
      const all = await harness.page({ query, scope: { kind: "all" } });
      const scoped = await harness.page({
        query,
        scope: { kind: "some", scopes: [{ kind: "models", models: ["dtmi:x:B;1"] }] },
      });
      expect(plain.value).toHaveLength(1);
      expect(all).toEqual(plain);
      expect(scoped.value).toEqual([]);
      expect(statements[0]).toBe("SELECT t0.rowid AS s0, t0.doc FROM twins t0 WHERE t0.id = ? ORDER BY s0 LIMIT 1001");
      expect(statements[1]).toBe(statements[0]);
      expect(statements[2]).toContain("model_ancestry scope_a0");
    } finally {
      harness.close();
    }
  });
});

describe("predicate scopes, compiled by the query engine", () => {
  const compile = createScopePredicateCompiler(new SqliteCompiler());

  it("compiles a WHERE condition without an alias onto the row the security layer names", () => {
    expect(compile("kind = 'room' AND IS_OF_MODEL('dtmi:x:Room;1', exact)", "T")).toEqual({
      sql: "((CASE WHEN json_type(T.doc, ?) = 'text' THEN json_extract(T.doc, ?) = ? END) AND T.model_id = ?)",
      params: ['$."kind"', '$."kind"', "room", "dtmi:x:Room;1"],
    });
    expect(compile("$dtId IN ['a', 'b']", "scope_p0")).toEqual({
      sql: "scope_p0.id IN (?, ?)",
      params: ["a", "b"],
    });
    const pg = createScopePredicateCompiler(new PostgresCompiler())("area >= 25", "T");
    expect(pg.sql).toContain("T.body #> ?::text[]");
    expect(pg.params).toEqual(['{"area"}', '{"area"}', 25]);
  });

  it("refuses anything but a condition, with positions inside the condition", () => {
    expect(() => compile("kind = ", "T")).toThrow(/Line=1, Position=7,/);
    expect(() => compile("kind = 'a' ORDER BY kind", "T")).toThrow(/WHERE condition only/);
    expect(() => compile("kind = 'a' GROUP BY kind", "T")).toThrow(/WHERE condition only/);
    expect(() => compile("kind = 'a'; DROP TABLE twins", "T")).toThrow(/SqlQueryError|parse failed/);
    expect(() => compile("X.kind = 'a'", "T; DROP TABLE twins")).toThrow(/invalid twin alias/);
  });

  it("evaluates through scopeSqlFor on a row or in a subquery, and fails closed on a bad condition", () => {
    const scope = (where: string): ScopeFilter => ({ kind: "some", scopes: [{ kind: "query", where }] });
    const harness = createQueryHarness({
      twins: [
        { id: "a", model: "dtmi:x:A;1", properties: { area: 30 } },
        { id: "b", model: "dtmi:x:A;1", properties: { area: 10 } },
        { id: "c", model: "dtmi:x:A;1" },
      ],
    });
    try {
      const ids = (filter: ScopeFilter, columns: TwinColumns, predicates?: ScopePredicateCompiler) => {
        const fragment = scopeSqlFor(filter, columns, predicates);
        return (
          harness.db
            .prepare(`SELECT T.id FROM twins T WHERE ${fragment.sql} ORDER BY T.id`)
            .all(...fragment.params) as {
            id: string;
          }[]
        ).map((r) => r.id);
      };
      // Without the store's compiler, scopeSqlFor fails closed.
      expect(ids(scope("area > 20"), { id: "T.id", row: "T" })).toEqual([]);
      expect(ids(scope("area > 20"), { id: "T.id", row: "T" }, compile)).toEqual(["a"]);
      expect(ids(scope("area > 20"), { id: "T.id" }, compile)).toEqual(["a"]);
      expect(ids(scope("NOT area > 20"), { id: "T.id", row: "T" }, compile)).toEqual(["b"]);
      expect(ids(scope("area >"), { id: "T.id", row: "T" }, compile)).toEqual([]);
    } finally {
      harness.close();
    }
  });

  it("refuses, when an assignment is written, a condition that does not compile", () => {
    expect(parseTwinScope({ kind: "query", where: "kind =" })).toEqual({ kind: "query", where: "kind =" });
    expect(parseTwinScope({ kind: "query", where: "kind = 'room'" }, compile)).toEqual({
      kind: "query",
      where: "kind = 'room'",
    });
    expect(() => parseTwinScope({ kind: "query", where: "kind =" }, compile)).toThrow(
      expect.objectContaining({
        code: "InvalidArgument",
        message: expect.stringMatching(
          /^The assignment scope is invalid: 'where' is not a condition of the query language: SQL query parse failed: SQL Parser Error, Line=1, Position=6, .*syntax\.$/,
        ),
      }),
    );
  });
});
