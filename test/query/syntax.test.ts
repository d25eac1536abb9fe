import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/query/syntax/lexer.js";
import { parseQuery } from "../../src/query/syntax/parser.js";
import type { ExpressionNode, QueryNode } from "../../src/query/syntax/syntaxTree.js";

const kinds = (text: string) => tokenize(text).map((token) => [token.kind, token.value]);

describe("lexer", () => {
  it("splits words, punctuation, literals and escaped names", () => {
    expect(
      kinds("SELECT T.$dtId, [[Group]] FROM x WHERE a <> 'D\\'Souza' AND b != \"q\" AND c IN [1.5, -2e3]"),
    ).toEqual([
      ["Name", "SELECT"],
      ["Name", "T"],
      ["Dot", "."],
      ["Name", "$dtId"],
      ["Comma", ","],
      ["EscapedName", "Group"],
      ["Name", "FROM"],
      ["Name", "x"],
      ["Name", "WHERE"],
      ["Name", "a"],
      ["Ne", "<>"],
      ["String", "D'Souza"],
      ["Name", "AND"],
      ["Name", "b"],
      ["Ne", "!="],
      ["String", "q"],
      ["Name", "AND"],
      ["Name", "c"],
      ["Name", "IN"],
      ["LBracket", "["],
      ["Number", 1.5],
      ["Comma", ","],
      ["Minus", "-"],
      ["Number", 2000],
      ["RBracket", "]"],
      ["EOF", "<EOF>"],
    ]);
  });

  it("lexes arrows and hop ranges without gluing numbers", () => {
    expect(kinds("(a)<-[r:x|y*1..3]-(b)-[*..2]->()").map(([kind]) => kind)).toEqual([
      "LParen",
      "Name",
      "RParen",
      "Lt",
      "Minus",
      "LBracket",
      "Name",
      "Colon",
      "Name",
      "Pipe",
      "Name",
      "Star",
      "Number",
      "DotDot",
      "Number",
      "RBracket",
      "Minus",
      "LParen",
      "Name",
      "RParen",
      "Minus",
      "LBracket",
      "Star",
      "DotDot",
      "Number",
      "RBracket",
      "Minus",
      "Gt",
      "LParen",
      "RParen",
      "EOF",
    ]);
  });

  it("decodes JSON-style escapes and counts lines and columns", () => {
    const tokens = tokenize("SELECT\n  'a\\u00e9\\n\\t\\\\'\u200b x");
    expect(tokens[1]).toEqual({
      kind: "String",
      text: "'a\\u00e9\\n\\t\\\\'",
      value: "aé\n\t\\",
      loc: { start: 9, end: 24, line: 2, column: 2 },
    });
    expect(tokens[2]!.loc).toEqual({ start: 26, end: 27, line: 2, column: 19 });
  });

  it("keeps escaped names verbatim", () => {
    expect(tokenize("[[1st Floor]]")[0]).toMatchObject({ kind: "EscapedName", value: "1st Floor" });
    expect(tokenize("[[a]b]]")[0]).toMatchObject({ kind: "EscapedName", value: "a]b" });
  });
});

const where = (condition: string): ExpressionNode =>
  parseQuery(`SELECT * FROM DIGITALTWINS T WHERE ${condition}`).where!;

/** The tree without locations, for comparisons. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "loc")
      .map(([key, inner]) => [key, shape(inner)]),
  );
}

const path = (...names: string[]) => ({
  kind: "Path",
  segments: names.map((value) => ({ kind: "Name", value, escaped: false })),
});
const literal = (value: unknown) => ({ kind: "Literal", value });

describe("parser", () => {
  it("parses SELECT forms", () => {
    const top = parseQuery("select top (5) from digitaltwins");
    expect(shape(top.select)).toEqual({
      kind: "Select",
      distinct: false,
      top: { kind: "Top", count: 5 },
      star: true,
      items: [],
    });
    const items = parseQuery("SELECT T.a AS x, COUNT(), T FROM DIGITALTWINS AS T");
    expect(shape(items.select.items)).toEqual([
      { kind: "SelectItem", value: path("T", "a"), alias: { kind: "Name", value: "x", escaped: false } },
      { kind: "SelectItem", value: { kind: "Aggregate", fn: "COUNT", argument: null }, alias: null },
      { kind: "SelectItem", value: path("T"), alias: null },
    ]);
    expect(shape(items.from)).toEqual({
      kind: "From",
      collection: "DIGITALTWINS",
      alias: { kind: "Name", value: "T", escaped: false },
    });
  });

  it("parses JOINs with and without relationship aliases", () => {
    const query = parseQuery("SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains R JOIN D RELATED C.[[has part]]");
    expect(shape(query.joins)).toEqual([
      {
        kind: "Join",
        target: { kind: "Name", value: "C", escaped: false },
        source: { kind: "Name", value: "T", escaped: false },
        relationship: { kind: "Name", value: "contains", escaped: false },
        relationshipAlias: { kind: "Name", value: "R", escaped: false },
      },
      {
        kind: "Join",
        target: { kind: "Name", value: "D", escaped: false },
        source: { kind: "Name", value: "C", escaped: false },
        relationship: { kind: "Name", value: "has part", escaped: true },
        relationshipAlias: null,
      },
    ]);
  });

  it("parses MATCH edges: directions, variables, names and hops", () => {
    const query: QueryNode = parseQuery(
      "SELECT b FROM DIGITALTWINS MATCH (a)-[r:x|y]->(b)<-[*..3]-()-[:z*2..4]-(c)-[*2]->(d)",
    );
    expect(query.match!.nodes.map((node) => node.alias?.value ?? null)).toEqual(["a", "b", null, "c", "d"]);
    expect(shape(query.match!.edges)).toEqual([
      {
        kind: "MatchEdge",
        direction: "out",
        variable: { kind: "Name", value: "r", escaped: false },
        names: [
          { kind: "Name", value: "x", escaped: false },
          { kind: "Name", value: "y", escaped: false },
        ],
        hops: null,
      },
      {
        kind: "MatchEdge",
        direction: "in",
        variable: null,
        names: [],
        hops: { kind: "Hops", lower: null, upper: 3, range: true },
      },
      {
        kind: "MatchEdge",
        direction: "any",
        variable: null,
        names: [{ kind: "Name", value: "z", escaped: false }],
        hops: { kind: "Hops", lower: 2, upper: 4, range: true },
      },
      {
        kind: "MatchEdge",
        direction: "out",
        variable: null,
        names: [],
        hops: { kind: "Hops", lower: 2, upper: 2, range: false },
      },
    ]);
  });

  it("binds AND tighter than OR, and NOT looser than a comparison", () => {
    expect(shape(where("a = 1 OR b = 2 AND c = 3"))).toEqual({
      kind: "Logical",
      operator: "OR",
      left: { kind: "Comparison", operator: "=", left: path("a"), right: literal(1) },
      right: {
        kind: "Logical",
        operator: "AND",
        left: { kind: "Comparison", operator: "=", left: path("b"), right: literal(2) },
        right: { kind: "Comparison", operator: "=", left: path("c"), right: literal(3) },
      },
    });
    expect(shape(where("NOT T.x <= 80 AND (y NIN ['a'] OR NOT IS_DEFINED(z))"))).toEqual({
      kind: "Logical",
      operator: "AND",
      left: { kind: "Not", operand: { kind: "Comparison", operator: "<=", left: path("T", "x"), right: literal(80) } },
      right: {
        kind: "Logical",
        operator: "OR",
        left: { kind: "In", negated: true, spelledNotIn: false, operand: path("y"), items: [literal("a")] },
        right: { kind: "Not", operand: { kind: "TypeCheck", fn: "IS_DEFINED", path: path("z") } },
      },
    });
  });

  it("parses every function form", () => {
    expect(shape(where("IS_OF_MODEL(T, 'dtmi:a:b;1', Exact)"))).toEqual({
      kind: "IsOfModel",
      alias: { kind: "Name", value: "T", escaped: false },
      model: literal("dtmi:a:b;1"),
      exact: true,
    });
    expect(shape(where("is_of_model('dtmi:a:b;1')"))).toMatchObject({ kind: "IsOfModel", alias: null, exact: false });
    expect(shape(where("ENDSWITH(T.$dtId, 'x')"))).toEqual({
      kind: "StringMatch",
      fn: "ENDSWITH",
      path: path("T", "$dtId"),
      value: literal("x"),
    });
    expect(shape(where("ARRAY_CONTAINS(T.a, -1.5)"))).toEqual({
      kind: "ArrayContains",
      path: path("T", "a"),
      value: literal(-1.5),
    });
    expect(shape(where("T.x NOT IN [null, true]"))).toMatchObject({ kind: "In", negated: true, spelledNotIn: true });
  });

  it("parses the extensions", () => {
    const query = parseQuery(
      "SELECT DISTINCT F.$dtId AS f, AVG(R.t) AS t FROM DIGITALTWINS F GROUP BY F.$dtId ORDER BY t DESC, F.x",
    );
    expect(query.select.distinct).toBe(true);
    expect(shape(query.groupBy)).toEqual([path("F", "$dtId")]);
    expect(shape(query.orderBy)).toEqual([
      { kind: "OrderItem", value: path("t"), descending: true },
      { kind: "OrderItem", value: path("F", "x"), descending: false },
    ]);
  });

  it("records where every node starts", () => {
    const query = parseQuery("SELECT *\nFROM DIGITALTWINS T\nWHERE T.a = 1");
    expect(query.where!.loc).toEqual({ start: 35, end: 42, line: 3, column: 6 });
    expect(query.from.loc).toMatchObject({ line: 2, column: 0 });
  });
});
