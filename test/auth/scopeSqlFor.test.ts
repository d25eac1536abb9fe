import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unionOfScopes } from "../../src/auth/scopeFilter.js";
import type { ScopePredicateCompiler } from "../../src/auth/scopePredicateCompiler.js";
import { scopeSqlFor } from "../../src/auth/scopeSqlFor.js";
import type { TwinScope } from "../../src/auth/twinScope.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite/openSqlite.js";
import { SqliteAuthStore } from "../../src/store/sqlite/sqliteAuthStore.js";

let db: SqliteDatabase;
let store: SqliteAuthStore;
const all = ["a", "b", "c", "d", "e", "x'; DROP TABLE twins; --", "lonely"];

beforeAll(() => {
  db = openSqlite(":memory:");
  store = new SqliteAuthStore(db);
  const ancestry: [string, string][] = [
    ["m:Base", "m:Base"],
    ["m:Mid", "m:Mid"],
    ["m:Mid", "m:Base"],
    ["m:Leaf", "m:Leaf"],
    ["m:Leaf", "m:Mid"],
    ["m:Leaf", "m:Base"],
    ["m:Other", "m:Other"],
  ];
  for (const [model, ancestor] of ancestry) {
    db.prepare("INSERT INTO model_ancestry (model_id, ancestor_id, depth) VALUES (?, ?, 0)").run(model, ancestor);
  }
  const twins: [string, string][] = [
    ["a", "m:Base"],
    ["b", "m:Mid"],
    ["c", "m:Leaf"],
    ["d", "m:Other"],
    ["e", "m:Other"],
    ["x'; DROP TABLE twins; --", "m:Other"],
    ["lonely", "m:Other"],
  ];
  for (const [id, model] of twins) {
    db.prepare("INSERT INTO twins (id, model_id, etag, doc) VALUES (?, ?, 'e', '{}')").run(id, model);
  }
  // a → b → c → a (a cycle), c -feeds→ d, d → x'…; 'lonely' has no edges.
  const rels: [string, string, string, string][] = [
    ["a", "r1", "contains", "b"],
    ["b", "r2", "contains", "c"],
    ["c", "r3", "contains", "a"],
    ["c", "r4", "feeds", "d"],
    ["d", "r5", "contains", "x'; DROP TABLE twins; --"],
  ];
  for (const [source, id, name, target] of rels) {
    db.prepare(
      "INSERT INTO relationships (source_id, id, name, target_id, etag, doc) VALUES (?, ?, ?, ?, 'e', '{}')",
    ).run(source, id, name, target);
  }
});
afterAll(() => {
  db.close();
});

async function visible(...scopes: TwinScope[]): Promise<string[]> {
  return visibleWith(undefined, ...scopes);
}

async function visibleWith(predicates: ScopePredicateCompiler | undefined, ...scopes: TwinScope[]): Promise<string[]> {
  const columns = { id: "T.id", model: "T.model_id" };
  const found = await store.twinsInScope(all, scopeSqlFor(unionOfScopes(scopes), columns, predicates));
  return [...found].sort();
}

describe("scopeSqlFor over SQLite", () => {
  it("renders all and none", async () => {
    expect(scopeSqlFor({ kind: "all" }, { id: "T.id" })).toEqual({ sql: "1=1", params: [] });
    expect(scopeSqlFor({ kind: "none" }, { id: "T.id" })).toEqual({ sql: "1=0", params: [] });
    expect(await visible({ kind: "instance" })).toEqual([...all].sort());
    expect(await visible()).toEqual([]);
  });

  it("models: the model and everything extending it, at any depth", async () => {
    expect(await visible({ kind: "models", models: ["m:Base"] })).toEqual(["a", "b", "c"]);
    expect(await visible({ kind: "models", models: ["m:Mid"] })).toEqual(["b", "c"]);
    expect(await visible({ kind: "models", models: ["m:Nothing"] })).toEqual([]);
  });

  it("subgraph: the root plus what the named relationships reach, ending on cycles", async () => {
    expect(await visible({ kind: "subgraph", root: "a", relationships: ["contains"] })).toEqual(["a", "b", "c"]);
    expect(await visible({ kind: "subgraph", root: "a", relationships: [] })).toEqual([
      "a",
      "b",
      "c",
      "d",
      "x'; DROP TABLE twins; --",
    ]);
    expect(await visible({ kind: "subgraph", root: "c", relationships: ["feeds"] })).toEqual(["c", "d"]);
    expect(await visible({ kind: "subgraph", root: "missing", relationships: [] })).toEqual([]);
  });

  it("unions several scopes", async () => {
    expect(
      await visible({ kind: "models", models: ["m:Mid"] }, { kind: "subgraph", root: "lonely", relationships: [] }),
    ).toEqual(["b", "c", "lonely"]);
  });

  it("works on relationship ends, which have no model column", async () => {
    const filter = unionOfScopes([{ kind: "models", models: ["m:Mid"] }]);
    const condition = scopeSqlFor(filter, { id: "R.target_id" });
    const rows = db
      .prepare(`SELECT R.id FROM relationships R WHERE ${condition.sql} ORDER BY R.id`)
      .all(...condition.params) as { id: string }[];
    expect(rows.map((r) => r.id)).toEqual(["r1", "r2"]);
  });

  it("composes with a caller's own aliases without capturing them", async () => {
    const condition = scopeSqlFor(unionOfScopes([{ kind: "subgraph", root: "a", relationships: ["contains"] }]), {
      id: "scope.id",
      model: "scope.model_id",
    });
    const rows = db
      .prepare(`SELECT scope.id FROM twins scope JOIN relationships r ON r.source_id = scope.id WHERE ${condition.sql}`)
      .all(...condition.params) as { id: string }[];
    expect(rows.map((r) => r.id).sort()).toEqual(["a", "b", "c", "c"]);
  });

  it("predicate: compiled by the given compiler, nothing without one", async () => {
    const scope: TwinScope = { kind: "query", where: "model = 'm:Other'" };
    expect(await visible(scope)).toEqual([]);
    const compile: ScopePredicateCompiler = (_where, alias) => ({ sql: `${alias}.model_id = ?`, params: ["m:Other"] });
    expect(await visibleWith(compile, scope)).toEqual(["d", "e", "lonely", "x'; DROP TABLE twins; --"]);
  });

  it("answers which model extends which, for create checks", async () => {
    expect(await store.modelExtendsAny("m:Leaf", ["m:Base"])).toBe(true);
    expect(await store.modelExtendsAny("m:Base", ["m:Leaf"])).toBe(false);
    expect(await store.modelExtendsAny("m:Other", [])).toBe(false);
    expect(await store.relationshipTarget("c", "r4")).toBe("d");
    expect(await store.relationshipTarget("c", "nope")).toBeNull();
  });
});
