import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../src/models/modelRegistry.js";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import type { Store } from "../../src/store/store.js";

/**
 * Two registries over one store stand for two cluster nodes: what one changes, the other picks
 * up with `refresh()` (the cluster calls it on a notification from the store).
 */
const ctx = "dtmi:dtdl:context;3";
const space = {
  "@id": "dtmi:test:Space;1",
  "@type": "Interface",
  "@context": ctx,
  contents: [{ "@type": "Property", name: "name", schema: "string" }],
};
const room = {
  "@id": "dtmi:test:Room;1",
  "@type": "Interface",
  "@context": ctx,
  extends: "dtmi:test:Space;1",
  contents: [
    { "@type": "Property", name: "area", schema: "double" },
    {
      "@type": "Component",
      name: "panel",
      schema: {
        "@id": "dtmi:test:Panel;1",
        "@type": "Interface",
        contents: [{ "@type": "Property", name: "on", schema: "boolean" }],
      },
    },
  ],
};

let dir: string;
let stores: Store[];
let a: ModelRegistry;
let b: ModelRegistry;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "doppel-refresh-"));
  stores = [createSqliteStore(join(dir, "d.db")), createSqliteStore(join(dir, "d.db"))];
  a = await ModelRegistry.load(stores[0]!.models, { maxModelsPerUpload: 10 });
  b = await ModelRegistry.load(stores[1]!.models, { maxModelsPerUpload: 10 });
});
afterEach(async () => {
  await Promise.all(stores.map((store) => store.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("ModelRegistry.refresh", () => {
  it("adds models another node uploaded, with their interfaces, ancestry and inline interfaces", async () => {
    await a.upload([space]);
    await b.refresh();
    expect(b.has("dtmi:test:Space;1")).toBe(true);
    const generation = b.generation;
    await a.upload([room]);
    await b.refresh();
    expect(b.generation).toBeGreaterThan(generation);
    expect(b.isSubtypeOf("dtmi:test:Room;1", "dtmi:test:Space;1")).toBe(true);
    expect([...(b.getInterface("dtmi:test:Room;1")?.contents.keys() ?? [])].sort()).toEqual(["area", "name", "panel"]);
    expect(b.getInterface("dtmi:test:Panel;1")).toBeDefined();
    expect(b.list().map((entry) => entry.id)).toEqual(a.list().map((entry) => entry.id));
  });

  it("applies decommissions and deletions, and changes nothing when nothing changed", async () => {
    await a.upload([space, room]);
    await b.refresh();
    await a.decommission("dtmi:test:Room;1");
    await b.refresh();
    expect(b.isDecommissioned("dtmi:test:Room;1")).toBe(true);
    await a.delete("dtmi:test:Room;1");
    await b.refresh();
    expect(b.has("dtmi:test:Room;1")).toBe(false);
    expect(b.getInterface("dtmi:test:Panel;1")).toBeUndefined();
    const generation = b.generation;
    await b.refresh();
    expect(b.generation).toBe(generation);
  });

  it("replaces a model deleted and uploaded again under the same id", async () => {
    await a.upload([space]);
    await b.refresh();
    await a.delete("dtmi:test:Space;1");
    await a.upload([{ ...space, contents: [{ "@type": "Property", name: "label", schema: "string" }] }]);
    await b.refresh();
    expect([...(b.getInterface("dtmi:test:Space;1")?.contents.keys() ?? [])]).toEqual(["label"]);
  });
});
