import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDoppelError } from "../../src/errors/catalogue.js";
import type { QueryCompat } from "../../src/query/queryLimits.js";
import { estateGraph } from "./fixtures.js";
import { createQueryHarness, type QueryHarness } from "./support/queryHarness.js";

let doppel: QueryHarness;
let adt: QueryHarness;
beforeAll(() => {
  doppel = createQueryHarness(estateGraph);
  adt = createQueryHarness(estateGraph, { compat: "adt" });
});
afterAll(() => {
  doppel.close();
  adt.close();
});

/** The `Position` and `Message` of the SqlQueryError a query gets (Line is 1 in all these). */
async function rejection(harness: QueryHarness, query: string): Promise<[number, string]> {
  const error = await harness.page({ query }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isDoppelError(error)) throw new Error(`expected a rejection of ${query}, got ${String(error)}`);
  expect(error.code).toBe("SqlQueryError");
  const match =
    /^SQL query parse failed: SQL (?:Parser|Semantic) Error, Line=1, Position=(\d+), Message=(.*) See samples in https:\/\/aka\.ms\/adtv2query for the correct syntax\.$/s.exec(
      error.message,
    );
  if (!match) throw new Error(`unexpected message: ${error.message}`);
  return [Number(match[1]), match[2]!];
}

const both: QueryCompat[] = ["doppel", "adt"];

/**
 * [query, modes that reject it, position, message]. A query rejected only in `adt` mode must run
 * in `doppel` mode; one listed for `doppel` only is checked there alone.
 */
const cases: readonly (readonly [string, readonly QueryCompat[], number, string])[] = [
  // ADT compatibility mode only
  [
    "SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains",
    ["adt"],
    29,
    "a query with JOIN must pin at least one twin by $dtId in WHERE (for example WHERE T.$dtId = 'id'); Doppel runs such queries when not in ADT compatibility mode",
  ],
  [
    "SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains WHERE T.$dtId != 'x'",
    ["adt"],
    29,
    "a query with JOIN must pin at least one twin by $dtId in WHERE (for example WHERE T.$dtId = 'id'); Doppel runs such queries when not in ADT compatibility mode",
  ],
  [
    "SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains WHERE T.$dtId = 'x' OR C.level = 1",
    ["adt"],
    29,
    "a query with JOIN must pin at least one twin by $dtId in WHERE (for example WHERE T.$dtId = 'id'); Doppel runs such queries when not in ADT compatibility mode",
  ],
  [
    "SELECT b FROM DIGITALTWINS MATCH (a)-[]->(b) WHERE a.level = 1",
    ["adt"],
    27,
    "a query with MATCH must pin at least one twin by $dtId in WHERE (for example WHERE a.$dtId = 'id'); Doppel runs such queries when not in ADT compatibility mode",
  ],
  [
    "SELECT * FROM DIGITALTWINS T ORDER BY T.name",
    ["adt"],
    38,
    "ORDER BY is a Doppel extension; it is not available in ADT compatibility mode",
  ],
  [
    "SELECT T.name, COUNT() FROM DIGITALTWINS T GROUP BY T.name",
    ["adt"],
    52,
    "GROUP BY is a Doppel extension; it is not available in ADT compatibility mode",
  ],
  ["SELECT COUNT(), COUNT() AS n FROM DIGITALTWINS", ["adt"], 0, "ADT supports COUNT() only as the whole SELECT list"],
  [
    "SELECT DISTINCT T.name FROM DIGITALTWINS T",
    ["adt"],
    0,
    "DISTINCT is a Doppel extension; it is not available in ADT compatibility mode",
  ],
  [
    "SELECT SUM(T.area) FROM DIGITALTWINS T",
    ["adt"],
    7,
    "SUM(...) is a Doppel extension; ADT supports only SELECT COUNT()",
  ],
  ["SELECT COUNT(T.area) FROM DIGITALTWINS T", ["adt"], 7, "ADT supports only COUNT() without an argument"],
  ["SELECT * FROM DIGITALTWINS T WHERE T.$dtId NOT IN ['a']", ["adt"], 35, "ADT spells 'NOT IN' as NIN"],
  // both modes
  [
    "SELECT * FROM DIGITALTWINS T JOIN C RELATED T.contains WHERE T.$dtId = 'x'",
    both,
    0,
    "SELECT * is not supported with JOIN; list the aliases to return (SELECT A, B ...)",
  ],
  ["SELECT T FROM DIGITALTWINS T JOIN T RELATED T.contains", both, 34, "the alias 'T' is declared more than once"],
  ["SELECT T.name, T.name FROM DIGITALTWINS T", both, 15, "the output name 'name' is used twice; rename one with AS"],
  [
    "SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains WHERE IS_OF_MODEL('dtmi:a:b;1') AND T.$dtId = 'x'",
    both,
    61,
    "IS_OF_MODEL needs an alias as its first argument when the query has several collections",
  ],
  [
    "SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains R WHERE IS_OF_MODEL(R, 'dtmi:a:b;1') AND T.$dtId = 'x'",
    both,
    63,
    "IS_OF_MODEL applies to twins; 'R' is a relationship collection",
  ],
  [
    "SELECT * FROM RELATIONSHIPS WHERE IS_OF_MODEL('dtmi:a:b;1')",
    both,
    34,
    "IS_OF_MODEL applies to twins; 'RELATIONSHIPS' is a relationship collection",
  ],
  [
    "SELECT b FROM DIGITALTWINS MATCH (a)-[r*2]->(b) WHERE a.$dtId = 'x'",
    both,
    39,
    "the relationship variable 'r' cannot be used with a hop count; a variable binds a single hop",
  ],
  [
    "SELECT b FROM DIGITALTWINS MATCH (a)-[*3..3]->(b) WHERE a.$dtId = 'x'",
    both,
    38,
    "the hop range *3..3 is empty: the lower bound is exclusive, so it must be less than the upper bound",
  ],
  ["SELECT b FROM DIGITALTWINS MATCH (a)-[*0]->(b) WHERE a.$dtId = 'x'", both, 38, "a hop count must be at least 1"],
  [
    "SELECT b FROM DIGITALTWINS MATCH (a)<-[]->(b) WHERE a.$dtId = 'x'",
    both,
    36,
    "an edge cannot point both ways ('<-[...]->'); chain two edges instead",
  ],
  [
    "SELECT b FROM DIGITALTWINS MATCH (a) - [] -> (b) WHERE a.$dtId = 'x'",
    both,
    39,
    "the parts of an edge arrow must not be separated by spaces",
  ],
  [
    "SELECT b FROM DIGITALTWINS T MATCH (a)-[]->(b) WHERE a.$dtId = 'x'",
    both,
    27,
    "with MATCH, declare aliases in the pattern ('FROM DIGITALTWINS MATCH (a)-[...]->(b)'), not after DIGITALTWINS",
  ],
  [
    "SELECT b FROM DIGITALTWINS MATCH (a)-[]->(b) MATCH (c) WHERE a.$dtId = 'x'",
    both,
    45,
    "a query can have only one MATCH clause",
  ],
  [
    "SELECT b FROM DIGITALTWINS T JOIN b RELATED T.x MATCH (a)-[]->(b) WHERE T.$dtId = 'x'",
    both,
    29,
    "JOIN and MATCH cannot be combined in one query",
  ],
  ["SELECT * FROM RELATIONSHIPS R JOIN T RELATED R.x", both, 30, "JOIN cannot be used with FROM RELATIONSHIPS"],
  [
    "SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains R JOIN D RELATED R.x WHERE T.$dtId = 'x'",
    both,
    72,
    "'R' is a relationship; JOIN ... RELATED needs a twin alias",
  ],
  [
    "SELECT TOP(2) COUNT() FROM DIGITALTWINS",
    both,
    7,
    "TOP cannot be combined with an aggregate that returns a single row",
  ],
  ["SELECT TOP(0) FROM DIGITALTWINS", both, 11, "TOP needs a positive integer, got '0'"],
  [
    "SELECT * FROM DIGITALTWINS T WHERE LOWER(T.name) = 'a'",
    both,
    35,
    "unknown function 'LOWER'; supported: IS_OF_MODEL, IS_BOOL, IS_DEFINED, IS_NULL, IS_NUMBER, IS_OBJECT, IS_PRIMITIVE, IS_STRING, STARTSWITH, ENDSWITH, CONTAINS, ARRAY_CONTAINS",
  ],
  [
    "SELECT * FROM DIGITALTWINS T WHERE STARTS_WITH(T.name, 'a')",
    both,
    35,
    "unknown function 'STARTS_WITH'; the function is spelled STARTSWITH",
  ],
  ["SELECT * FROM DIGITALTWINS T WHERE COUNT() > 1", both, 35, "the aggregate COUNT() is not allowed in WHERE"],
  [
    "SELECT * FROM DIGITALTWINS T WHERE T.FinalStep",
    both,
    46,
    "mismatched input '<EOF>' expecting {'=', '!=', '<', '<=', '>', '>=', IN, NIN}",
  ],
  [
    "SELECT * FROM DIGITALTWINS WHERE Group = 'x'",
    both,
    33,
    "mismatched input 'Group' expecting a name ('Group' is a reserved keyword; escape it as [[Group]] to use it as a name)",
  ],
  ["SELECT COUNT(*) FROM DIGITALTWINS", both, 13, "mismatched input '*' expecting {')', <name>}"],
  [
    "SELECT T.name, COUNT() FROM DIGITALTWINS T GROUP BY T.$dtId",
    ["doppel"],
    7,
    "'name' must appear in GROUP BY or be inside an aggregate",
  ],
  [
    "SELECT T.name, COUNT() FROM DIGITALTWINS T",
    ["doppel"],
    7,
    "'name' cannot be combined with aggregates without GROUP BY",
  ],
  [
    "SELECT * FROM DIGITALTWINS T WHERE T.x IN []",
    both,
    43,
    "mismatched input ']' expecting a literal value in the list",
  ],
  [
    "SELECT * FROM DIGITALTWINS T WHERE T.x = 'unterminated",
    both,
    41,
    "token recognition error at: ''unterminated' (unterminated string)",
  ],
  ["SELECT * FROM DIGITALTWINS T WHERE T.x = 'a\\qb'", both, 43, "invalid escape sequence '\\q' in string"],
  ["SELECT * FROM DIGITALTWINS T WHERE T.x = 1 # 2", both, 43, "token recognition error at: '#'"],
  [
    "SELECT * FROM DIGITALTWINS T WHERE T.1stFloor = 1",
    both,
    37,
    "token recognition error at: '1s' (names starting with a digit must be escaped as [[...]])",
  ],
  ["SELECT * FROM DIGITALTWINS T WHERE [[ = 1", both, 35, "missing ']]' to close the escaped name"],
  ["", both, 0, "mismatched input '<EOF>' expecting SELECT"],
  [
    "SELECT COUNT() FROM DIGITALTWINS MATCH ()-[]->()",
    both,
    33,
    "a MATCH pattern needs at least one named node or relationship variable",
  ],
  [
    `SELECT * FROM DIGITALTWINS WHERE ${"(".repeat(65)}x = 1${")".repeat(65)}`,
    both,
    97,
    "the condition nests parentheses and NOTs more than 64 deep",
  ],
  [
    `SELECT * FROM DIGITALTWINS WHERE ${"NOT ".repeat(65)}x = 1`,
    both,
    289,
    "the condition nests parentheses and NOTs more than 64 deep",
  ],
  ["SELECT", both, 6, "mismatched input '<EOF>' expecting {'*', COUNT, TOP, <name>}"],
];

describe("rejected queries", () => {
  it.each(cases)("%s", async (query, modes, position, message) => {
    for (const compat of both) {
      const harness = compat === "adt" ? adt : doppel;
      if (modes.includes(compat)) {
        expect(await rejection(harness, query)).toEqual([position, message]);
      } else if (compat === "doppel") {
        await expect(harness.page({ query })).resolves.toBeDefined();
      }
    }
  });
});

describe("limits", () => {
  const joins = (count: number) =>
    `SELECT T FROM DIGITALTWINS T${Array.from({ length: count }, (_, i) => ` JOIN J${i} RELATED ${i === 0 ? "T" : `J${i - 1}`}.contains`).join("")} WHERE T.$dtId = 'building1'`;
  const ins = (count: number) =>
    `SELECT * FROM DIGITALTWINS T WHERE T.$dtId IN [${Array.from({ length: count }, (_, i) => `'t${i}'`).join(", ")}]`;
  const ands = (count: number) =>
    `SELECT * FROM DIGITALTWINS T WHERE ${Array.from({ length: count + 1 }, (_, i) => `T.x${i} = 1`).join(" AND ")}`;
  const padded = (length: number) => {
    const query = "SELECT * FROM DIGITALTWINS";
    return query + " ".repeat(length - query.length);
  };

  it("applies ADT's limits in compatibility mode", async () => {
    await expect(adt.page({ query: joins(5) })).resolves.toBeDefined();
    expect(await rejection(adt, joins(6))).toEqual([168, "the query has 6 JOINs; at most 5 are allowed"]);
    await expect(adt.page({ query: ins(50) })).resolves.toBeDefined();
    expect((await rejection(adt, ins(51)))[1]).toBe("the list has 51 values; at most 50 are allowed in IN / NIN");
    await expect(adt.page({ query: ands(50) })).resolves.toBeDefined();
    expect(await rejection(adt, ands(51))).toEqual([35, "the query has 51 AND/OR operators; at most 50 are allowed"]);
    const hops = (a: number, b: number) =>
      `SELECT c FROM DIGITALTWINS MATCH (a)-[*..${a}]->(b)-[*..${b}]->(c) WHERE a.$dtId = 'building1'`;
    await expect(adt.page({ query: hops(5, 5) })).resolves.toBeDefined();
    expect((await rejection(adt, hops(6, 5)))[1]).toBe("the MATCH pattern spans up to 11 hops; at most 10 are allowed");
    await expect(adt.page({ query: padded(8000) })).resolves.toBeDefined();
    expect(await rejection(adt, padded(8001))).toEqual([
      0,
      "the query is 8001 characters long; at most 8000 are allowed",
    ]);
  });

  it("uses wider defaults in Doppel mode, all configurable", async () => {
    await expect(doppel.page({ query: joins(6) })).resolves.toBeDefined();
    await expect(doppel.page({ query: ins(51) })).resolves.toBeDefined();
    await expect(doppel.page({ query: ands(51) })).resolves.toBeDefined();
    await expect(doppel.page({ query: padded(8001) })).resolves.toBeDefined();
    const narrow = createQueryHarness(estateGraph, {
      config: { limits: { maxJoins: 1, maxInItems: 2, maxQueryLength: 200 } },
    });
    try {
      expect((await rejection(narrow, joins(2)))[1]).toBe("the query has 2 JOINs; at most 1 are allowed");
      expect((await rejection(narrow, ins(3)))[1]).toBe("the list has 3 values; at most 2 are allowed in IN / NIN");
      expect((await rejection(narrow, padded(201)))[1]).toBe(
        "the query is 201 characters long; at most 200 are allowed",
      );
    } finally {
      narrow.close();
    }
    const wide = createQueryHarness(estateGraph, { compat: "adt", config: { limits: { maxJoins: 6 } } });
    try {
      await expect(wide.page({ query: joins(6) })).resolves.toBeDefined();
    } finally {
      wide.close();
    }
  });

  it("answers a 400 when raised limits meet the store's own", async () => {
    const joins = 70;
    const query = `SELECT T FROM DIGITALTWINS T${Array.from({ length: joins }, (_, i) => ` JOIN J${i} RELATED ${i === 0 ? "T" : `J${i - 1}`}.contains J${i}R`).join("")} WHERE T.$dtId = 'building1'`;
    const wide = createQueryHarness(estateGraph, { config: { limits: { maxJoins: joins } } });
    try {
      expect(await rejection(wide, query)).toEqual([
        0,
        "the query is too large for the store: at most 64 tables in a join",
      ]);
    } finally {
      wide.close();
    }
  });

  it("caps the combinations a MATCH expands to", async () => {
    const query =
      "SELECT e FROM DIGITALTWINS MATCH (a)-[*..2]->(b)-[*..2]->(c)-[*..2]->(d)-[*..2]->(e)-[*..2]->(f)-[*..2]->(g)-[*..2]->(h)-[*..2]->(i)-[*..2]->(j) WHERE a.$dtId = 'x'";
    const limited = createQueryHarness(estateGraph, { config: { limits: { maxHops: 20 } } });
    try {
      expect((await rejection(limited, query))[1]).toBe(
        "the MATCH pattern has 512 combinations of hop counts; at most 256 are supported (narrow the hop ranges)",
      );
    } finally {
      limited.close();
    }
  });
});
