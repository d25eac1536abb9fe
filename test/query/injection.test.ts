import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuery } from "../../src/query/analysis/analyzeQuery.js";
import { SqliteCompiler } from "../../src/query/compile/sqlite.js";
import { ContinuationTokens } from "../../src/query/paging/continuationTokens.js";
import { queryLimitsFor } from "../../src/query/queryLimits.js";
import { parseQuery } from "../../src/query/syntax/parser.js";
import type { GraphSeed } from "./support/graphSeed.js";
import { createQueryHarness, type QueryHarness } from "./support/queryHarness.js";

/**
 * Hostile text in every position a query can carry user text: string literals, escaped names
 * (properties, aliases, output names, relationship names), model ids, list items, function
 * arguments and continuation tokens. Values must reach SQLite only as bound parameters, so the
 * SQL text never contains them and the tables survive.
 */
const hostile = [
  "'; DROP TABLE twins; --",
  "x') OR 1=1 --",
  '" OR ""="',
  "\\'; DELETE FROM relationships; --",
  "$.a') , json('{}",
  "]] OR 1=1 --",
  "\u0000nul",
  "𝕏 ü \u2028",
];

/** Writes a string as a query literal: single-quoted, with JSON-style escapes. */
function literal(value: string): string {
  return `'${value
    .replace(/\\/g, "\\\\")
    .replace(/'/g, "\\'")
    .replaceAll("\u0000", "\\u0000")
    .replace(/\u2028/g, "\\u2028")}'`;
}

/** Escaped names cannot contain `]]` or a newline. */
const escapable = hostile.filter((value) => !value.includes("]]") && !value.includes("\n"));

const seed: GraphSeed = {
  models: [{ id: "dtmi:test:Evil;1" }],
  twins: [
    ...hostile.map((value, index) => ({
      id: `evil-${index}`,
      model: "dtmi:test:Evil;1",
      properties: { value, [value]: index, list: [value] },
    })),
    { id: hostile[0]!, model: "dtmi:test:Evil;1", properties: { value: "id" } },
  ],
  relationships: hostile.map((value, index) => ({
    source: `evil-${index}`,
    id: value,
    name: value,
    target: hostile[0]!,
  })),
};

let harness: QueryHarness;
beforeAll(() => {
  harness = createQueryHarness(seed);
});
afterAll(() => harness.close());

function compiled(query: string) {
  const analyzed = analyzeQuery(query, parseQuery(query), { compat: "doppel", limits: queryLimitsFor("doppel") });
  return new SqliteCompiler().compilePage(analyzed, { after: null, limit: 1001 });
}

function expectNoValueInSql(query: string, value: string): void {
  const { sql, params } = compiled(query);
  if (value.length > 2) expect(sql).not.toContain(value);
  expect(sql).not.toMatch(/DROP|DELETE|OR 1=1/);
  // Values travel as parameters (JSON path keys JSON-escaped inside their path parameter).
  const escaped = JSON.stringify(value).slice(1, -1);
  expect(params.some((param) => typeof param === "string" && (param.includes(value) || param.includes(escaped)))).toBe(
    true,
  );
}

async function tablesIntact(): Promise<void> {
  expect(harness.db.prepare("SELECT COUNT(*) AS n FROM twins").get()).toEqual({ n: hostile.length + 1 });
  expect(harness.db.prepare("SELECT COUNT(*) AS n FROM relationships").get()).toEqual({ n: hostile.length });
}

describe("hostile input never becomes SQL", () => {
  it.each(hostile.map((value, index) => [index, value] as const))("string literals #%i", async (index, value) => {
    // SQLite's length() stops at U+0000, so the prefix and suffix tests miss such values (harmlessly).
    const nul = value.includes("\u0000");
    const positions: [string, boolean][] = [
      [`SELECT * FROM DIGITALTWINS T WHERE T.value = ${literal(value)}`, true],
      [`SELECT * FROM DIGITALTWINS T WHERE T.value IN ['a', ${literal(value)}]`, true],
      [`SELECT * FROM DIGITALTWINS T WHERE STARTSWITH(T.value, ${literal(value)})`, !nul],
      [`SELECT * FROM DIGITALTWINS T WHERE ENDSWITH(T.value, ${literal(value)})`, !nul],
      [`SELECT * FROM DIGITALTWINS T WHERE CONTAINS(T.value, ${literal(value)})`, true],
      [`SELECT * FROM DIGITALTWINS T WHERE ARRAY_CONTAINS(T.list, ${literal(value)})`, true],
    ];
    for (const [query, matches] of positions) {
      expectNoValueInSql(query, value);
      expect(await harness.ids(query)).toEqual(matches ? [`evil-${index}`] : []);
    }
    const byId = `SELECT * FROM DIGITALTWINS T WHERE T.$dtId = ${literal(value)}`;
    expectNoValueInSql(byId, value);
    expect(await harness.ids(byId)).toEqual(index === 0 ? [hostile[0]] : []);
    // A model id that is no DTMI compiles to FALSE: nothing of it reaches SQL at all.
    const model = `SELECT * FROM DIGITALTWINS T WHERE IS_OF_MODEL(T, ${literal(value)})`;
    expect(compiled(model).sql).not.toContain(value);
    expect(await harness.ids(model)).toEqual([]);
    await tablesIntact();
  });

  it.each(escapable.map((value) => [hostile.indexOf(value), value] as const))(
    "escaped names #%i",
    async (index, value) => {
      const query = `SELECT [[${value}x]].[[${value}]] AS [[${value}]] FROM DIGITALTWINS [[${value}x]] WHERE [[${value}x]].[[${value}]] = ${index}`;
      expectNoValueInSql(query, value);
      expect(await harness.all(query)).toEqual([{ [value]: index }]);
      const relationship = `SELECT B.$dtId AS id FROM DIGITALTWINS A JOIN B RELATED A.[[${value}]] R WHERE A.$dtId = 'evil-${index}'`;
      expectNoValueInSql(relationship, value);
      expect(await harness.all(relationship)).toEqual([{ id: hostile[0] }]);
      const match = `SELECT b.$dtId AS id FROM DIGITALTWINS MATCH (a)-[:[[${value}]]|other]->(b) WHERE a.$dtId = 'evil-${index}'`;
      expectNoValueInSql(match, value);
      expect(await harness.all(match)).toEqual([{ id: hostile[0] }]);
      await tablesIntact();
    },
  );

  it("keeps tampered and hostile continuation tokens out of SQL", async () => {
    await harness.page({ query: "SELECT * FROM DIGITALTWINS", maxItemsPerPage: 1 });
    const { secret } = harness.db.prepare("SELECT secret FROM query_secrets").get() as { secret: Buffer };
    const signer = new ContinuationTokens(secret);
    for (const value of hostile) {
      const token = signer.sign({
        query: "SELECT * FROM DIGITALTWINS",
        after: [value],
        returned: 1,
        pageSize: 1,
        page: 2,
      });
      const page = await harness.page({ continuationToken: token });
      expect(page.value).toEqual([]);
      const unsigned = `${Buffer.from(JSON.stringify({ v: 1, q: `SELECT * FROM DIGITALTWINS; ${value}`, a: [0], n: 1, s: 1, p: 2 })).toString("base64url")}.AAAA`;
      await expect(harness.page({ continuationToken: unsigned })).rejects.toMatchObject({ code: "BadRequest" });
    }
    const injected = signer.sign({
      query: "SELECT * FROM DIGITALTWINS; DROP TABLE twins",
      after: [0],
      returned: 0,
      pageSize: 1,
      page: 2,
    });
    await expect(harness.page({ continuationToken: injected })).rejects.toMatchObject({ code: "SqlQueryError" });
    await tablesIntact();
  });
});
