import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estateGraph, propertyGraph } from "./fixtures.js";
import { type SeededServer, startSeededServer, twinDocument } from "./support/graphSeed.js";

const sqlQueryErrorFoo =
  "SQL query parse failed: SQL Parser Error, Line=1, Position=0, Message=missing SELECT at 'foo' See samples in https://aka.ms/adtv2query for the correct syntax.";

function twin(id: string): Record<string, unknown> {
  return twinDocument(propertyGraph.twins!.find((seed) => seed.id === id)!);
}

/** Insertion order is the stable row order of a single collection. */
const insertionOrder = propertyGraph.twins!.map((seed) => seed.id);

describe("POST /query over HTTPS", () => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await startSeededServer(propertyGraph);
  });
  afterAll(() => server.close());

  it("answers a page like ADT: whole body, query-charge, explicit null token", async () => {
    const response = await server.query({ query: "SELECT * FROM DIGITALTWINS T WHERE T.$dtId IN ['alpha', 'gamma']" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(response.text)));
    expect(response.headers.get("query-charge")).toBe("2.54");
    expect(response.body).toEqual({ value: [twin("alpha"), twin("gamma")], continuationToken: null });
    expect(response.text).toContain(',"continuationToken":null}');
  });

  it("returns projections, aliases and COUNT in ADT's row shapes", async () => {
    const projected = await server.query({
      query: "SELECT T.$dtId as tid, T.Temperature FROM DIGITALTWINS T WHERE T.$dtId IN ['alpha', 'eps']",
    });
    expect(projected.body).toEqual({
      value: [{ tid: "alpha", Temperature: 70 }, { tid: "eps" }],
      continuationToken: null,
    });
    const aliased = await server.query({ query: "SELECT D FROM DIGITALTWINS D WHERE D.$dtId = 'beta'" });
    expect(aliased.body).toEqual({ value: [{ D: twin("beta") }], continuationToken: null });
    const count = await server.query({
      query: "SELECT COUNT() FROM digitaltwins WHERE IS_OF_MODEL('dtmi:test:Room;1', EXACT) AND IsOccupied = true",
    });
    expect(count.body).toEqual({ value: [{ COUNT: 1 }], continuationToken: null });
    expect(count.headers.get("query-charge")).toBe("2.52");
  });

  it("pages with max-items-per-page; follow-ups may carry only the token (.NET) or the query too (JS)", async () => {
    const query = "SELECT * FROM DIGITALTWINS";
    const first = await server.query({ query }, { "max-items-per-page": "2" });
    expect(first.body.value).toEqual([twin(insertionOrder[0]!), twin(insertionOrder[1]!)]);
    expect(typeof first.body.continuationToken).toBe("string");
    const second = await server.query(
      { continuationToken: first.body.continuationToken },
      { "max-items-per-page": "2" },
    );
    expect(second.body.value).toEqual([twin(insertionOrder[2]!), twin(insertionOrder[3]!)]);
    const again = await server.query({ query, continuationToken: first.body.continuationToken });
    expect(again.body).toEqual(second.body);
    const last = await server.query({ continuationToken: second.body.continuationToken });
    expect(last.body).toEqual({ value: [twin(insertionOrder[4]!), twin(insertionOrder[5]!)], continuationToken: null });
  });

  it("keeps non-final pages full and ends without an empty page", async () => {
    const first = await server.query({ query: "SELECT T.$dtId FROM DIGITALTWINS T" }, { "max-items-per-page": "3" });
    expect(first.body.value).toHaveLength(3);
    const second = await server.query(
      { continuationToken: first.body.continuationToken },
      { "max-items-per-page": "3" },
    );
    expect(second.body).toEqual({
      value: insertionOrder.slice(3).map(($dtId) => ({ $dtId })),
      continuationToken: null,
    });
  });

  it("limits TOP across pages", async () => {
    const first = await server.query(
      { query: "SELECT TOP(3) T.$dtId FROM DIGITALTWINS T" },
      { "max-items-per-page": "2" },
    );
    expect(first.body.value).toEqual(insertionOrder.slice(0, 2).map(($dtId) => ({ $dtId })));
    const second = await server.query(
      { continuationToken: first.body.continuationToken },
      { "max-items-per-page": "2" },
    );
    expect(second.body).toEqual({ value: [{ $dtId: insertionOrder[2] }], continuationToken: null });
  });

  it("rejects a forged, edited or foreign continuation token with BadRequest", async () => {
    const first = await server.query({ query: "SELECT * FROM DIGITALTWINS" }, { "max-items-per-page": "1" });
    const token = first.body.continuationToken as string;
    const bytes = Buffer.from(token, "base64url");
    // One bit flipped in the ciphertext (the cursor's text is encrypted, so it cannot be edited in place).
    bytes[14] = bytes[14]! ^ 1;
    const edited = bytes.toString("base64url");
    const payload = token.slice(0, 40);
    const other = await startSeededServer({});
    try {
      const foreign = (await other.query({ query: "SELECT * FROM DIGITALTWINS" }, { "max-items-per-page": "1" })).body;
      expect(foreign.continuationToken).toBeNull();
      for (const bad of [edited, `${token}x`, "not-a-token", "", "{}", 42, ["x"], `${payload}.`]) {
        const response = await server.query({ continuationToken: bad });
        expect(response.status).toBe(400);
        expect(response.headers.get("x-ms-error-code")).toBe("BadRequest");
        expect(response.body).toEqual({
          error: { code: "BadRequest", message: "An invalid continuationToken was provided." },
        });
      }
    } finally {
      await other.close();
    }
  });

  it("answers syntax errors as the live service does", async () => {
    const response = await server.query({ query: "foo" });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-ms-error-code")).toBe("SqlQueryError");
    expect(response.body).toEqual({ error: { code: "SqlQueryError", message: sqlQueryErrorFoo } });
  });

  it("reports line and position on multi-line queries", async () => {
    const response = await server.query({ query: "SELECT *\nFROM DIGITALTWINS T\nWHERE T.x === 1" });
    expect(response.body.error.message).toBe(
      "SQL query parse failed: SQL Parser Error, Line=3, Position=11, Message=mismatched input '=' expecting {<name>, <literal>} See samples in https://aka.ms/adtv2query for the correct syntax.",
    );
  });

  it("rejects bad request bodies and headers", async () => {
    const cases: [unknown, Record<string, string>, string, string][] = [
      [
        {},
        {},
        "InvalidArgument",
        "The request body must contain 'query' (or the 'continuationToken' of a previous page).",
      ],
      [{ query: 5 }, {}, "InvalidArgument", "'query' must be a string."],
      [[], {}, "InvalidArgument", "The request body must be a JSON object with 'query' or 'continuationToken'."],
      [
        { query: "SELECT * FROM DIGITALTWINS" },
        { "max-items-per-page": "0" },
        "InvalidArgument",
        "The max-items-per-page header must be a positive integer, got '0'.",
      ],
      [
        { query: "SELECT * FROM DIGITALTWINS" },
        { "max-items-per-page": "ten" },
        "InvalidArgument",
        "The max-items-per-page header must be a positive integer, got 'ten'.",
      ],
    ];
    for (const [body, headers, code, message] of cases) {
      const response = await server.query(body, headers);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code, message } });
    }
  });

  it("shows twins without $lastUpdateTime and sourceTime to api-version 2020-10-31", async () => {
    const response = await server.request("POST", "/query?api-version=2020-10-31", {
      body: { query: "SELECT T FROM DIGITALTWINS T WHERE T.$dtId = 'delta'" },
    });
    const delta = twin("delta") as {
      $metadata: Record<string, unknown>;
      thermostat: { $metadata: Record<string, unknown> };
    };
    const { $lastUpdateTime: _twinTime, ...metadata } = delta.$metadata;
    const { $lastUpdateTime: _componentTime, ...componentMetadata } = delta.thermostat.$metadata;
    expect(response.body.value).toEqual([
      { T: { ...delta, thermostat: { ...delta.thermostat, $metadata: componentMetadata }, $metadata: metadata } },
    ]);
  });

  it("requires an api-version", async () => {
    const response = await server.request("POST", "/query", { body: { query: "SELECT * FROM DIGITALTWINS" } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("InvalidArgument");
  });

  it("works through the official SDK: all pages, by page with charges, errors", async () => {
    const ids: string[] = [];
    for await (const row of server.client.queryTwins("SELECT * FROM DIGITALTWINS", 4)) ids.push(row.$dtId);
    expect(ids).toEqual(insertionOrder);
    const pages: { value?: unknown[]; continuationToken?: string; queryCharge?: number }[] = [];
    for await (const page of server.client.queryTwins("SELECT T.$dtId FROM DIGITALTWINS T", 5).byPage())
      pages.push(page);
    expect(pages.map((page) => page.value?.length)).toEqual([5, 1]);
    expect(pages[0]!.continuationToken).toEqual(expect.any(String));
    expect(pages[1]!.continuationToken).toBeNull();
    expect(pages[0]!.queryCharge).toBe(2.6);
    const rejection = await (async () => {
      for await (const _ of server.client.queryTwins("SELECT * FROM DIGITALTWINZ")) return null;
      return null;
    })().catch((error: { statusCode?: number; code?: string }) => error);
    expect(rejection).toMatchObject({ statusCode: 400, code: "SqlQueryError" });
  });
});

describe("paging under concurrent writes", () => {
  it("neither repeats nor skips a twin that exists throughout", async () => {
    const twins = Array.from({ length: 30 }, (_, index) => ({
      id: `t${String(index).padStart(2, "0")}`,
      model: "dtmi:test:Room;1",
      properties: { n: index },
    }));
    const server = await startSeededServer({ twins });
    try {
      const seen: string[] = [];
      let response = await server.query({ query: "SELECT T.$dtId FROM DIGITALTWINS T" }, { "max-items-per-page": "7" });
      let round = 0;
      for (;;) {
        seen.push(...(response.body.value as { $dtId: string }[]).map((row) => row.$dtId));
        if (response.body.continuationToken === null) break;
        // Between pages: update twins on both sides of the cursor, add new ones, delete one ahead.
        const update = server.writer.prepare(
          "UPDATE twins SET doc = json_set(doc, '$.n', n + 100) FROM (SELECT ? AS n) WHERE id = ?",
        );
        update.run(round, "t00");
        update.run(round, "t29");
        server.writer
          .prepare("INSERT INTO twins (id, model_id, etag, doc) VALUES (?, 'dtmi:test:Room;1', 'W/\"x\"', ?)")
          .run(`new${round}`, JSON.stringify({ $dtId: `new${round}`, $metadata: { $model: "dtmi:test:Room;1" } }));
        if (round === 1) server.writer.prepare("DELETE FROM twins WHERE id = 't25'").run();
        round += 1;
        response = await server.query(
          { continuationToken: response.body.continuationToken },
          { "max-items-per-page": "7" },
        );
      }
      const stable = twins.map((seed) => seed.id).filter((id) => id !== "t25");
      for (const id of stable) expect(seen.filter((seenId) => seenId === id)).toHaveLength(1);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).not.toContain("t25");
    } finally {
      await server.close();
    }
  });
});

describe("JOIN and MATCH through HTTP (reader thread)", () => {
  it("answers graph queries from the background reader", async () => {
    const server = await startSeededServer(estateGraph);
    try {
      const response = await server.query({
        query: "SELECT x.$dtId AS id FROM DIGITALTWINS MATCH (b)-[:contains*..2]->(x) WHERE b.$dtId = 'building1'",
      });
      expect(response.status).toBe(200);
      expect((response.body.value as { id: string }[]).map((row) => row.id).sort()).toEqual([
        "floor1",
        "floor2",
        "room1",
        "room2",
        "room3",
      ]);
      expect(response.headers.get("query-charge")).toBe("3.35");
    } finally {
      await server.close();
    }
  });
});
