import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewModel } from "../../src/store/ports/modelRepository.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite/openSqlite.js";
import { SqliteModelRepository } from "../../src/store/sqlite/sqliteModelRepository.js";

function model(id: string, extra: Partial<NewModel> = {}): NewModel {
  return {
    id,
    definition: { "@id": id, "@type": "Interface", "@context": "dtmi:dtdl:context;3" },
    displayName: { en: id },
    description: {},
    uploadTime: "2024-01-01T00:00:00.0000000+00:00",
    refs: [],
    ancestors: [],
    ...extra,
  };
}

let db: SqliteDatabase;
let repo: SqliteModelRepository;
beforeEach(() => {
  db = openSqlite(":memory:");
  repo = new SqliteModelRepository(db);
});
afterEach(() => db.close());

const ancestryRows = () => db.prepare("SELECT model_id, ancestor_id, depth FROM model_ancestry ORDER BY 1, 2").all();
const refRows = () => db.prepare("SELECT model_id, ref_id FROM model_refs ORDER BY 1, 2").all();

describe("SqliteModelRepository", () => {
  it("inserts models with refs and ancestry (self at depth 0) and reads them back in upload order", async () => {
    const result = await repo.insert([
      model("dtmi:a;1"),
      model("dtmi:b;1", { refs: ["dtmi:a;1"], ancestors: [{ id: "dtmi:a;1", depth: 1 }] }),
    ]);
    expect(result.ok).toBe(true);
    const all = await repo.all();
    expect(all.map((m) => [m.id, m.refs, m.decommissioned])).toEqual([
      ["dtmi:a;1", [], false],
      ["dtmi:b;1", ["dtmi:a;1"], false],
    ]);
    expect(all[0]!.seq).toBeLessThan(all[1]!.seq);
    expect(all[1]).toMatchObject({
      displayName: { en: "dtmi:b;1" },
      description: {},
      definition: model("dtmi:b;1").definition,
    });
    expect(ancestryRows()).toEqual([
      { model_id: "dtmi:a;1", ancestor_id: "dtmi:a;1", depth: 0 },
      { model_id: "dtmi:b;1", ancestor_id: "dtmi:a;1", depth: 1 },
      { model_id: "dtmi:b;1", ancestor_id: "dtmi:b;1", depth: 0 },
    ]);
    expect(refRows()).toEqual([{ model_id: "dtmi:b;1", ref_id: "dtmi:a;1" }]);
  });

  it("writes nothing when any id exists, and names the existing ids in input order", async () => {
    await repo.insert([model("dtmi:a;1"), model("dtmi:c;1")]);
    const result = await repo.insert([model("dtmi:c;1"), model("dtmi:new;1"), model("dtmi:a;1")]);
    expect(result).toEqual({ ok: false, conflicts: ["dtmi:c;1", "dtmi:a;1"] });
    expect((await repo.all()).map((m) => m.id)).toEqual(["dtmi:a;1", "dtmi:c;1"]);
  });

  it("decommissions idempotently and reports unknown ids", async () => {
    await repo.insert([model("dtmi:a;1")]);
    expect(await repo.decommission("dtmi:a;1")).toBe(true);
    expect(await repo.decommission("dtmi:a;1")).toBe(true);
    expect(await repo.decommission("dtmi:nope;1")).toBe(false);
    expect((await repo.all())[0]!.decommissioned).toBe(true);
  });

  it("refuses to delete a referenced model and names the referencing models", async () => {
    await repo.insert([model("dtmi:a;1")]);
    await repo.insert([
      model("dtmi:z;1", { refs: ["dtmi:a;1"] }),
      model("dtmi:b;1", { refs: ["dtmi:a;1"], ancestors: [{ id: "dtmi:a;1", depth: 1 }] }),
    ]);
    expect(await repo.delete("dtmi:a;1")).toEqual({ outcome: "referenced", referencedBy: ["dtmi:b;1", "dtmi:z;1"] });
    expect(await repo.delete("dtmi:missing;1")).toEqual({ outcome: "notFound" });
  });

  it("deletes a model with its refs and ancestry rows, then the model it referenced", async () => {
    await repo.insert([model("dtmi:a;1")]);
    await repo.insert([model("dtmi:b;1", { refs: ["dtmi:a;1"], ancestors: [{ id: "dtmi:a;1", depth: 1 }] })]);
    expect(await repo.delete("dtmi:b;1")).toEqual({ outcome: "deleted" });
    expect(refRows()).toEqual([]);
    expect(ancestryRows()).toEqual([{ model_id: "dtmi:a;1", ancestor_id: "dtmi:a;1", depth: 0 }]);
    expect(await repo.delete("dtmi:a;1")).toEqual({ outcome: "deleted" });
    expect(ancestryRows()).toEqual([]);
    expect(await repo.all()).toEqual([]);
  });

  it("gives a re-uploaded id a new, later sequence number", async () => {
    await repo.insert([model("dtmi:a;1"), model("dtmi:b;1")]);
    await repo.delete("dtmi:a;1");
    const again = await repo.insert([model("dtmi:a;1")]);
    if (!again.ok) throw new Error("insert failed");
    expect((await repo.all()).map((m) => m.id)).toEqual(["dtmi:b;1", "dtmi:a;1"]);
    expect(again.models[0]!.seq).toBeGreaterThan((await repo.all())[0]!.seq);
  });
});
