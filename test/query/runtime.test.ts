import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { serveCommand } from "../../src/cli/serve.js";
import { SqliteCompiler } from "../../src/query/compile/sqlite.js";
import { resolveQueryConfig } from "../../src/query/queryConfig.js";
import { QueryService } from "../../src/query/queryService.js";
import { QueryTimeoutError } from "../../src/store/ports/queryRunner.js";
import { openSqlite } from "../../src/store/sqlite/openSqlite.js";
import { SqliteQueryRunner } from "../../src/store/sqlite/sqliteQueryRunner.js";
import { startTestServer } from "../support/testServer.js";
import type { GraphSeed } from "./support/graphSeed.js";
import { seedGraph, startSeededServer } from "./support/graphSeed.js";
import { createQueryHarness } from "./support/queryHarness.js";

/** 120 twins with 15 outgoing relationships each: an unanchored 4-hop MATCH explodes. */
function denseGraph(): GraphSeed {
  const twins = Array.from({ length: 120 }, (_, index) => ({ id: `d${index}`, model: "dtmi:test:Node;1" }));
  const relationships = twins.flatMap((twin, index) =>
    Array.from({ length: 15 }, (_, k) => ({
      source: twin.id,
      id: `r${k}`,
      name: "linked",
      target: `d${(index * 7 + k * 13 + 1) % 120}`,
    })),
  );
  return { models: [{ id: "dtmi:test:Node;1" }], twins, relationships };
}

const explosive = "SELECT b FROM DIGITALTWINS MATCH (a)-[*4]-(b)";
const timeoutBody = (seconds: string) => ({
  error: {
    code: "TimeoutError",
    message: `The query execution timed out after ${seconds} seconds. Try simplifying the query or adding conditions to reduce the result size.`,
  },
});

describe("server-side timeout", () => {
  it("cancels a runaway statement on the main connection (in-memory store)", async () => {
    const harness = createQueryHarness(denseGraph(), { config: { timeoutMs: 150 } });
    try {
      const started = Date.now();
      const error = await harness.page({ query: explosive }).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: "TimeoutError", status: 400, message: timeoutBody("0.2").error.message });
      expect(Date.now() - started).toBeLessThan(3000);
      expect((await harness.page({ query: "SELECT COUNT() FROM DIGITALTWINS" })).value).toEqual([{ COUNT: 120 }]);
    } finally {
      harness.close();
    }
  });

  it("cancels it in the reader thread and keeps serving (file store, over HTTPS)", async () => {
    const server = await startSeededServer(denseGraph(), { query: { timeoutMs: 250 } });
    try {
      const started = Date.now();
      const response = await server.query({ query: explosive });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(response.status).toBe(400);
      expect(response.headers.get("x-ms-error-code")).toBe("TimeoutError");
      expect(response.body).toEqual(timeoutBody("0.3"));
      const after = await server.query({ query: "SELECT COUNT() FROM DIGITALTWINS T WHERE T.$dtId > 'd5'" });
      expect(after.body).toEqual({ value: [{ COUNT: 54 }], continuationToken: null });
    } finally {
      await server.close();
    }
  });

  it("replaces a reader thread stuck past its deadline in a statement that cannot tick", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doppel-runner-"));
    const db = openSqlite(join(dir, "doppel.db"));
    const runner = new SqliteQueryRunner(db, { workers: 1, graceMs: 100 });
    try {
      const stuck =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000) SELECT COUNT(*) FROM c";
      const started = Date.now();
      await expect(
        runner.run({ sql: stuck, params: [] }, { deadline: Date.now() + 100, light: false }),
      ).rejects.toBeInstanceOf(QueryTimeoutError);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(
        await runner.run({ sql: "SELECT ? + 1", params: [41] }, { deadline: Date.now() + 5000, light: false }),
      ).toEqual([[42]]);
      await expect(
        runner.run({ sql: "SELECT 1", params: [] }, { deadline: Date.now() - 1, light: true }),
      ).rejects.toBeInstanceOf(QueryTimeoutError);
    } finally {
      await runner.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const roomModel = {
  "@id": "dtmi:test:query:Room;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [
    { "@type": "Property", name: "Temperature", schema: "double" },
    { "@type": "Relationship", name: "adjoins" },
  ],
};

describe("read-your-writes through the write path and the SDK", () => {
  for (const store of ["memory", "file"] as const) {
    it(`sees every acknowledged write at once (${store} store)`, async () => {
      const server = store === "memory" ? await startTestServer() : await startSeededServer({});
      try {
        const client = server.client;
        await client.createModels([roomModel]);
        const ids = async (query: string) => {
          const found: string[] = [];
          for await (const row of client.queryTwins(query)) found.push(row.$dtId ?? row.id);
          return found.sort();
        };
        await client.upsertDigitalTwin(
          "r1",
          JSON.stringify({ $metadata: { $model: "dtmi:test:query:Room;1" }, Temperature: 20 }),
        );
        expect(await ids("SELECT * FROM DIGITALTWINS T WHERE T.Temperature = 20")).toEqual(["r1"]);
        await client.upsertDigitalTwin(
          "r2",
          JSON.stringify({ $metadata: { $model: "dtmi:test:query:Room;1" }, Temperature: 25 }),
        );
        await client.updateDigitalTwin("r1", [{ op: "replace", path: "/Temperature", value: 30 }]);
        expect(await ids("SELECT * FROM DIGITALTWINS T WHERE T.Temperature > 21")).toEqual(["r1", "r2"]);
        await client.upsertRelationship("r1", "a1", { $relationshipName: "adjoins", $targetId: "r2" });
        const joined: string[] = [];
        for await (const row of client.queryTwins(
          "SELECT B.$dtId AS id FROM DIGITALTWINS A JOIN B RELATED A.adjoins WHERE A.$dtId = 'r1'",
        )) {
          joined.push(row.id);
        }
        expect(joined).toEqual(["r2"]);
        expect(await ids("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:test:query:Room;1')")).toEqual([
          "r1",
          "r2",
        ]);
        await client.deleteRelationship("r1", "a1");
        await client.deleteDigitalTwin("r2");
        expect(await ids("SELECT * FROM DIGITALTWINS T WHERE T.Temperature > 0")).toEqual(["r1"]);
      } finally {
        await server.close();
      }
    });
  }
});

describe("compatibility mode setting", () => {
  it("follows ServerConfig.queryCompat", async () => {
    const query = "SELECT C FROM DIGITALTWINS T JOIN C RELATED T.contains";
    const adt = await startSeededServer({}, { queryCompat: "adt" });
    const doppel = await startSeededServer({});
    try {
      const rejected = await adt.query({ query });
      expect(rejected.status).toBe(400);
      expect(rejected.body.error.code).toBe("SqlQueryError");
      expect(rejected.body.error.message).toContain("must pin at least one twin by $dtId");
      expect((await doppel.query({ query })).body).toEqual({ value: [], continuationToken: null });
    } finally {
      await adt.close();
      await doppel.close();
    }
  });
});

describe("doppel serve --query-compat", () => {
  it("accepts doppel or adt only", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await serveCommand(["--query-compat", "cosmos", "--memory"])).toBe(2);
      expect(errors).toHaveBeenCalledWith("doppel serve: --query-compat must be 'doppel' or 'adt', got 'cosmos'");
    } finally {
      errors.mockRestore();
    }
  });
});

describe("continuation tokens and the store", () => {
  it("stay valid across a restart of the same store and fail on another store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "doppel-tokens-"));
    const open = (name: string) => {
      const db = openSqlite(join(dir, name));
      const runner = new SqliteQueryRunner(db, { workers: 0 });
      return { db, runner, service: new QueryService(runner, new SqliteCompiler(), resolveQueryConfig()) };
    };
    const twins = ["a", "b", "c"].map((id) => ({ id, model: "dtmi:test:Node;1" }));
    const first = open("one.db");
    seedGraph(first.db, { twins });
    try {
      const page = JSON.parse(
        (await first.service.query({ query: "SELECT T.$dtId FROM DIGITALTWINS T", maxItemsPerPage: 2 })).body,
      );
      first.db.close();
      const again = open("one.db");
      const other = open("two.db");
      seedGraph(other.db, { twins });
      try {
        const next = JSON.parse((await again.service.query({ continuationToken: page.continuationToken })).body);
        expect(next).toEqual({ value: [{ $dtId: "c" }], continuationToken: null });
        await expect(other.service.query({ continuationToken: page.continuationToken })).rejects.toMatchObject({
          code: "BadRequest",
        });
      } finally {
        again.db.close();
        other.db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
