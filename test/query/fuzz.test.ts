import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDoppelError } from "../../src/errors/catalogue.js";
import { parseQuery } from "../../src/query/syntax/parser.js";
import { estateGraph } from "./fixtures.js";
import { type SeededServer, startSeededServer } from "./support/graphSeed.js";
import { createQueryHarness, type QueryHarness } from "./support/queryHarness.js";

/** Pieces of the language, so random sequences reach deep into the parser and the compiler. */
const pieces = [
  "SELECT",
  "*",
  "FROM",
  "DIGITALTWINS",
  "RELATIONSHIPS",
  "T",
  "R",
  "x",
  "WHERE",
  "JOIN",
  "RELATED",
  "T.contains",
  "MATCH",
  "(a)",
  "(b)",
  "()",
  "-[]->",
  "<-[:contains]-",
  "-[r]-",
  "-[*..3]-",
  "-[:contains*2]->",
  "(",
  ")",
  "-",
  "[",
  "]",
  ">",
  "<",
  ":",
  "|",
  "*",
  "..",
  "AND",
  "OR",
  "NOT",
  "=",
  "!=",
  "<=",
  ">=",
  "<>",
  "IN",
  "NIN",
  "['a', 1]",
  "'x'",
  "'it\\'s'",
  '"dq"',
  "5",
  "-2.5",
  "1e3",
  "true",
  "FALSE",
  "null",
  "IS_OF_MODEL(T, 'dtmi:test:Room;1')",
  "IS_OF_MODEL('dtmi:x;1', exact)",
  "IS_DEFINED(T.x)",
  "IS_NUMBER",
  "STARTSWITH(T.$dtId, 'r')",
  "ARRAY_CONTAINS(T.a, 1)",
  ",",
  ".",
  "$dtId",
  "T.$dtId",
  "a.$dtId",
  "T.$metadata.$model",
  "T.name",
  "[[Group]]",
  "[[",
  "]]",
  "COUNT()",
  "AVG(T.x)",
  "TOP(2)",
  "TOP",
  "AS",
  "a",
  "b",
  "ORDER",
  "BY",
  "GROUP",
  "DESC",
  "ASC",
  "DISTINCT",
  "EXACT",
  "\u200b",
  "\n",
  "'",
];

const pieceQuery = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => parts.join(" "));
const anchoredTail = fc
  .array(fc.constantFrom(...pieces), { maxLength: 12 })
  .map((parts) => `SELECT * FROM DIGITALTWINS T WHERE ${parts.join(" ")}`);
const matchTail = fc
  .array(fc.constantFrom(...pieces), { maxLength: 12 })
  .map((parts) => `SELECT a, b FROM DIGITALTWINS MATCH (a)${parts.join("")}(b) WHERE a.$dtId = 'room1'`);
const anyQuery = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  pieceQuery,
  anchoredTail,
  matchTail,
);

describe("fuzzing", () => {
  let harness: QueryHarness;
  beforeAll(() => {
    harness = createQueryHarness(estateGraph, { config: { timeoutMs: 2000 } });
  });
  afterAll(() => harness.close());

  it("the parser either parses or throws a positioned SqlQueryError", () => {
    fc.assert(
      fc.property(anyQuery, (query) => {
        try {
          parseQuery(query);
        } catch (error) {
          expect(isDoppelError(error)).toBe(true);
          if (!isDoppelError(error)) return;
          expect(error.code).toBe("SqlQueryError");
          expect(error.message).toMatch(/^SQL query parse failed: SQL Parser Error, Line=\d+, Position=\d+, Message=/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("the whole engine answers a page or a 4xx DoppelError, never anything else", async () => {
    await fc.assert(
      fc.asyncProperty(anyQuery, fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), async (query, size) => {
        try {
          const page = await harness.page({ query, maxItemsPerPage: size });
          expect(Array.isArray(page.value)).toBe(true);
          if (page.continuationToken !== null) {
            const next = await harness.page({ continuationToken: page.continuationToken, maxItemsPerPage: size });
            expect(Array.isArray(next.value)).toBe(true);
          }
        } catch (error) {
          expect(isDoppelError(error)).toBe(true);
          if (isDoppelError(error)) expect(error.status).toBe(400);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("random continuation tokens are rejected as BadRequest", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.base64String(), fc.json()), async (token) => {
        const error = await harness.page({ continuationToken: token }).catch((thrown: unknown) => thrown);
        expect(error).toMatchObject({ code: "BadRequest", status: 400 });
      }),
      { numRuns: 300 },
    );
  });
});

describe("fuzzing over HTTP", () => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await startSeededServer(estateGraph);
  });
  afterAll(() => server.close());

  it("never answers 5xx and always in ADT's envelope", async () => {
    const bodies = fc.sample(
      fc.oneof(
        anyQuery.map((query) => ({ query })),
        fc.record({ query: fc.anything(), continuationToken: fc.anything() }, { requiredKeys: [] }),
        fc.anything(),
      ),
      { numRuns: 150, seed: 20240501 },
    );
    for (const body of bodies) {
      const response = await server.query(body === undefined ? {} : body);
      expect([200, 400]).toContain(response.status);
      if (response.status === 400) {
        expect(response.body.error.code).toEqual(expect.any(String));
        expect(response.headers.get("x-ms-error-code")).toBe(response.body.error.code);
      } else {
        expect(Array.isArray(response.body.value)).toBe(true);
      }
    }
  });
});
