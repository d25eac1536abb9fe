import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDoppelError } from "../../src/errors/catalogue.js";
import { estateGraph, propertyGraph } from "./fixtures.js";
import { createQueryHarness, type QueryHarness } from "./support/queryHarness.js";

/**
 * The 143 documented queries (shared/adt/query-examples): every valid one (OK, placeholder,
 * issue, legacy) parses and runs in both modes; every doc bug and negative example is rejected
 * with a message that says what is wrong and where.
 */
const tsv = "../shared/adt/query-examples.tsv";
const txt = "../shared/adt/query-examples.txt";
const present = existsSync(tsv) && existsSync(txt);
if (!present)
  console.warn(`SKIPPED the query corpus: ${tsv} is not there (run from the repository root next to ../shared).`);

interface Example {
  readonly id: string;
  readonly status: string;
  readonly query: string;
}

function examples(): Example[] {
  const queries = readFileSync(txt, "utf8")
    .split("\n")
    .filter((line) => line !== "");
  const rows = readFileSync(tsv, "utf8")
    .split("\n")
    .slice(1)
    .filter((line) => line !== "");
  expect(rows).toHaveLength(queries.length);
  return rows.map((row, index) => {
    const [id, status] = row.split("\t") as [string, string];
    return { id, status, query: queries[index]! };
  });
}

/** Doc bugs and negative examples: what the rejection must say, and where (Line 1, Position). */
const rejections: Readonly<Record<string, readonly [number, string]>> = {
  E29: [
    173,
    "'has' is not a declared alias (declared aliases: space, device); with JOIN or MATCH every property must be qualified by an alias",
  ],
  R04: [14, "subqueries are not supported in FROM"],
  R13: [103, "'building' is not a declared alias; aliases are case-sensitive (did you mean 'Building'?)"],
  R14: [57, "missing ')' at '-'"],
  R19: [23, "missing FROM at 'DIGITALTWINS'"],
  R22: [99, "'has' is a relationship variable; write ':' before relationship names ('[:has|...]')"],
  R24: [39, "missing '(' at 'A'"],
  R36: [7, "'ROOM' is not a declared alias (declared aliases: DT); qualify the property with the FROM alias (DT.ROOM)"],
  R40: [14, "mismatched input 'DIGITIALTWINS' expecting {DIGITALTWINS, RELATIONSHIPS}"],
  R53: [56, "subqueries are not supported in ARRAY_CONTAINS"],
  R54: [
    119,
    "'Floor.Contains' is a relationship, not a property; give the relationship an alias (JOIN x RELATED Floor.Contains R) and use R.<property>",
  ],
  R57: [
    54,
    "mismatched input 'Room2' expecting a literal value (string, number or boolean) as the second argument of ARRAY_CONTAINS",
  ],
  S12: [0, "SELECT * is not supported with MATCH; list the aliases to return (SELECT A, B ...)"],
};

/** R47 is a documentation bug in its prose only: the query is valid and means Temperature > 80. */
const validDespiteStatus = new Set(["R47"]);

describe.runIf(present)("ADT query corpus", () => {
  let twins: QueryHarness;
  let estate: QueryHarness;
  let adt: QueryHarness;
  beforeAll(() => {
    twins = createQueryHarness(propertyGraph);
    estate = createQueryHarness(estateGraph);
    adt = createQueryHarness(estateGraph, { compat: "adt" });
  });
  afterAll(() => {
    twins.close();
    estate.close();
    adt.close();
  });

  const all = present ? examples() : [];
  const valid = all.filter(
    (example) => ["OK", "PH", "ISS", "OLD"].includes(example.status) || validDespiteStatus.has(example.id),
  );
  const invalid = all.filter(
    (example) => ["BUG", "NEG"].includes(example.status) && !validDespiteStatus.has(example.id),
  );

  it("has the documented size", () => {
    expect(all).toHaveLength(143);
    expect(valid).toHaveLength(130);
    expect(invalid).toHaveLength(13);
    expect(Object.keys(rejections).sort()).toEqual(invalid.map((example) => example.id).sort());
  });

  it.each(valid.map((example) => [example.id, example.query] as const))("%s runs: %s", async (_id, query) => {
    for (const harness of [twins, estate, adt]) {
      const page = await harness.page({ query });
      expect(Array.isArray(page.value)).toBe(true);
      expect(page.charge).toBeGreaterThan(0);
    }
  });

  it.each(invalid.map((example) => [example.id, example.query] as const))("%s is rejected: %s", async (id, query) => {
    const [position, message] = rejections[id]!;
    for (const harness of [estate, adt]) {
      const error = await harness.page({ query }).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(isDoppelError(error)).toBe(true);
      if (!isDoppelError(error)) return;
      expect(error.code).toBe("SqlQueryError");
      expect(error.status).toBe(400);
      expect(error.message).toMatch(
        new RegExp(`^SQL query parse failed: SQL (Parser|Semantic) Error, Line=1, Position=${position}, Message=`),
      );
      expect(error.message).toContain(
        `Message=${message} See samples in https://aka.ms/adtv2query for the correct syntax.`,
      );
    }
  });

  it("answers the documented results on matching data", async () => {
    expect(await twins.ids("SELECT * FROM DIGITALTWINS DT WHERE NOT DT.Temperature <= 80")).toEqual(["zeta"]);
    expect(await twins.ids("SELECT * FROM DIGITALTWINS WHERE IS_NUMBER( Capacity ) AND Capacity != 0")).toEqual([
      "beta",
      "gamma",
    ]);
    expect(await twins.all("SELECT COUNT() FROM DIGITALTWINS")).toEqual([{ COUNT: 6 }]);
    expect(await twins.all("SELECT TOP(5) FROM DIGITALTWINS")).toHaveLength(5);
    expect(await twins.all("SELECT TOP (1) T.$dtId as tid FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, 'g')")).toEqual(
      [{ tid: "gamma" }],
    );
    expect(await twins.all("SELECT name, age FROM DIGITALTWINS WHERE $dtId IN ['beta', 'eps']")).toEqual([
      { name: "D'Souza" },
      {},
    ]);
  });
});
