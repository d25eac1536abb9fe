import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dependencyBatches,
  fileStoreOptions,
  loadOntology,
  rawDependencies,
  sharedAvailable,
  shuffle,
} from "../models/support.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

const api = "api-version=2023-10-31";
const hasRec = sharedAvailable("models", "azure-realestatecore-3.3");
const hasEnergy = sharedAvailable("models", "energygrid");

let t: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "doppel-ontology-"));
  t = await startTestServer(fileStoreOptions(dataDir));
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("uploading the public ontologies", () => {
  it.skipIf(!hasRec)("stores all 768 RealEstateCore interfaces in batches of at most 250 (SDK)", async () => {
    const documents = loadOntology("azure-realestatecore-3.3");
    expect(documents).toHaveLength(768);
    const batches = dependencyBatches(documents, 250, 7);
    expect(batches.map((b) => b.length)).toEqual([250, 250, 250, 18]);
    // Later batches really do depend on models stored by earlier calls.
    const firstIds = new Set(batches[0]!.map((d) => d["@id"]));
    expect(batches[1]!.some((d) => rawDependencies(d).some((dep) => firstIds.has(dep)))).toBe(true);

    const started = performance.now();
    for (const batch of batches) {
      const created = await t.client.createModels(batch);
      expect(created._response.status).toBe(201);
    }
    const elapsed = performance.now() - started;
    console.log(`REC 3.3: 768 interfaces uploaded in ${batches.length} calls in ${elapsed.toFixed(0)} ms`);

    const registry = t.server.services.models;
    expect(registry.size).toBe(768);
    let listed = 0;
    for await (const _ of t.client.listModels()) listed++;
    expect(listed).toBe(768);

    // The deepest chain in REC: eight hops up to Capability.
    const capability = "dtmi:digitaltwins:rec_3_3:core:Capability;1";
    const deep = "dtmi:digitaltwins:rec_3_3:device:InferredOccupancySetpoint;1";
    expect(registry.ancestorsOf(deep)).toHaveLength(8);
    expect(registry.isSubtypeOf(deep, capability)).toBe(true);
    expect(registry.isSubtypeOf(capability, deep)).toBe(false);
    const db = new Database(join(dataDir, "doppel.db"), { readonly: true });
    try {
      const depth = db.prepare("SELECT depth FROM model_ancestry WHERE model_id = ? AND ancestor_id = ?");
      expect(depth.get(deep, capability)).toEqual({ depth: 8 });
      expect(depth.get(deep, deep)).toEqual({ depth: 0 });
      // One row per model and ancestor (shortest depth), selves included.
      expect(db.prepare("SELECT COUNT(*) AS n FROM model_ancestry").get()).toEqual({ n: 3654 });
    } finally {
      db.close();
    }

    const res = await t.request("DELETE", `/models/${encodeURIComponent(capability)}?${api}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("ModelReferencesNotDeleted");

    const withDeps = await t.request("GET", `/models?${api}&dependenciesFor=${encodeURIComponent(deep)}`);
    const ids: string[] = withDeps.body.value.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([deep, ...registry.ancestorsOf(deep)]));

    // A restart parses the whole stored ontology once and serves the same object model.
    await t.close();
    const restartStarted = performance.now();
    t = await startTestServer(fileStoreOptions(dataDir));
    console.log(
      `REC 3.3: restart with 768 stored models ready in ${(performance.now() - restartStarted).toFixed(0)} ms`,
    );
    expect(t.server.services.models.size).toBe(768);
    expect(t.server.services.models.ancestorsOf(deep)).toHaveLength(8);
    expect([...t.server.services.models.getInterface(deep)!.contents.keys()].sort()).toEqual(
      [...registry.getInterface(deep)!.contents.keys()].sort(),
    );
  });

  it.skipIf(!hasEnergy)("stores the 113 energy grid (DTDL v2) interfaces in one shuffled batch", async () => {
    const documents = shuffle(loadOntology("energygrid"), 3);
    expect(documents).toHaveLength(113);
    const res = await t.request("POST", `/models?${api}`, { body: documents });
    expect(res.status).toBe(201);
    expect(res.body).toHaveLength(113);
    expect(res.body.map((m: { id: string }) => m.id)).toEqual(documents.map((d) => d["@id"]));
  });
});
