import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import { bearer, createTestIdp, secureAuthOptions, standardAssignments } from "../auth/authSupport.js";
import { dropSchema, openPostgresTestStore } from "../store/support/postgresTestStore.js";
import { requireService } from "../support/services.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

/**
 * Predicate scopes compile in the dialect of each server's own store: a SQLite server and a
 * PostgreSQL server in one process both apply `area >= 25` (a process-wide compiler would give
 * one of them the other's SQL).
 */
const available = await requireService("postgres", "predicate scopes per store");
const v = "?api-version=2023-10-31";
const room = {
  "@id": "dtmi:test:Room;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;3",
  contents: [{ "@type": "Property", name: "area", schema: "double" }],
};

describe.runIf(available)("predicate scopes with a SQLite and a PostgreSQL server in one process", () => {
  const servers: Record<"sqlite" | "postgres", TestServer | undefined> = { sqlite: undefined, postgres: undefined };
  let owner: Record<string, string>;
  let large: Record<string, string>;

  beforeAll(async () => {
    const idp = await createTestIdp();
    const auth = secureAuthOptions(idp, {
      roleAssignments: {
        ...standardAssignments,
        large: {
          principal: "group:large",
          role: "Azure Digital Twins Data Reader",
          scope: { kind: "query", where: "area >= 25" },
        },
      },
    });
    // SQLite first: the server created last must not decide the other's dialect.
    servers.sqlite = await startTestServer({ store: createSqliteStore(":memory:"), auth });
    const postgres = await openPostgresTestStore();
    try {
      servers.postgres = await startTestServer({ store: postgres, auth });
    } catch (error) {
      await postgres.destroy();
      throw error;
    }
    const schema = postgres.schema;
    const close = servers.postgres.close;
    servers.postgres = {
      ...servers.postgres,
      close: async () => {
        await close();
        await dropSchema(schema);
      },
    };
    owner = bearer(await idp.sign({ sub: "owner", groups: ["owners"] }));
    large = bearer(await idp.sign({ sub: "large", groups: ["large"] }));
    for (const t of [servers.sqlite, servers.postgres]) {
      expect((await t.request("POST", `/models${v}`, { body: [room], headers: owner })).status).toBe(201);
      for (const [id, area] of [
        ["big", 30],
        ["small", 10],
      ] as const) {
        const body = { $metadata: { $model: room["@id"] }, area };
        const res = await t.request("PUT", `/digitaltwins/${id}${v}`, { body, headers: owner });
        expect(res.status, res.text).toBe(200);
      }
    }
  });
  afterAll(async () => {
    await servers.sqlite?.close();
    await servers.postgres?.close();
  });

  for (const kind of ["sqlite", "postgres"] as const) {
    it(`${kind}: the query sees only the twins the condition admits`, async () => {
      const res = await servers[kind]!.request("POST", `/query${v}`, {
        body: { query: "SELECT T.$dtId FROM DIGITALTWINS T" },
        headers: large,
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ value: [{ $dtId: "big" }], continuationToken: null });
    });

    it(`${kind}: point reads follow the same condition`, async () => {
      const t = servers[kind]!;
      expect((await t.request("GET", `/digitaltwins/big${v}`, { headers: large })).status).toBe(200);
      const hidden = await t.request("GET", `/digitaltwins/small${v}`, { headers: large });
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe("DigitalTwinNotFound");
    });
  }
});
