import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../src/models/modelRegistry.js";
import type { ModelRepository } from "../../src/store/ports/modelRepository.js";
import { requireService } from "../support/services.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import {
  dropSchema,
  openPostgresTestStore,
  randomSchema,
  type TestPostgresStore,
} from "./support/postgresTestStore.js";

/**
 * A model uploaded on one node is usable on another at once: a miss reloads the registry from
 * the store before the answer is "model not found" (the cluster notification may still be on
 * its way), and a flood of unknown ids costs one reload per interval.
 */
const available = await requireService("postgres", "model registry refresh on a miss");
const v = "?api-version=2023-10-31";
const model = (n: number) => ({
  "@id": `dtmi:test:Miss${n};1`,
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;3",
  contents: [{ "@type": "Property", name: "name", schema: "string" }],
});

/** The store's repository, counting full reloads. */
function counted(repository: ModelRepository): ModelRepository & { reloads: number } {
  const wrapper = {
    reloads: 0,
    all: async () => {
      wrapper.reloads += 1;
      return repository.all();
    },
    insert: (models: Parameters<ModelRepository["insert"]>[0]) => repository.insert(models),
    decommission: (id: string) => repository.decommission(id),
    delete: (id: string) => repository.delete(id),
  };
  return wrapper;
}

describe.runIf(available)("model registry: reload on a miss (two registries over one schema)", () => {
  const schema = randomSchema("miss");
  const stores: TestPostgresStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await dropSchema(schema);
  });

  async function registries(minIntervalMs: number) {
    stores.push(await openPostgresTestStore({ schema }), await openPostgresTestStore({ schema }));
    const repository = counted(stores[1]!.models);
    const a = await ModelRegistry.load(stores[0]!.models, { maxModelsPerUpload: 10 });
    const b = await ModelRegistry.load(repository, { maxModelsPerUpload: 10, refreshOnMiss: { minIntervalMs } });
    return { a, b, repository };
  }

  it("finds a model the other registry uploaded, with one reload", async () => {
    const { a, b, repository } = await registries(200);
    const before = repository.reloads;
    await a.upload([model(1)]);
    expect(b.has("dtmi:test:Miss1;1")).toBe(false);
    await b.refreshIfMissing(["dtmi:test:Miss1;1"]);
    expect(b.has("dtmi:test:Miss1;1")).toBe(true);
    expect(repository.reloads - before).toBe(1);
    // Known ids cost nothing.
    await b.refreshIfMissing(["dtmi:test:Miss1;1"]);
    expect(repository.reloads - before).toBe(1);
  });

  it("answers a flood of unknown ids with one reload per interval", async () => {
    const { b, repository } = await registries(300);
    const before = repository.reloads;
    const started = Date.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => b.refreshIfMissing([`dtmi:test:Unknown${i};1`])));
    expect(repository.reloads - before).toBe(1);
    // Misses after that reload started wait for the next one, an interval later.
    await Promise.all(Array.from({ length: 200 }, (_, i) => b.refreshIfMissing([`dtmi:test:Other${i};1`])));
    expect(repository.reloads - before).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("does not reload without the option (a store no other process writes)", async () => {
    stores.push(await openPostgresTestStore({ schema }));
    const repository = counted(stores[0]!.models);
    const alone = await ModelRegistry.load(repository, { maxModelsPerUpload: 10 });
    await alone.refreshIfMissing(["dtmi:test:Nowhere;1"]);
    expect(repository.reloads).toBe(1);
  });
});

describe.runIf(available)("two servers over one schema", () => {
  const schema = randomSchema("nodes");
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ store: await openPostgresTestStore({ schema }) });
    b = await startTestServer({ store: await openPostgresTestStore({ schema }) });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
  });

  it("creates a twin on B right after its model was uploaded on A", async () => {
    for (let n = 1; n <= 10; n++) {
      const uploaded = await a.request("POST", `/models${v}`, { body: [model(n)] });
      expect(uploaded.status, uploaded.text).toBe(201);
      const twin = { $metadata: { $model: `dtmi:test:Miss${n};1` }, name: `t${n}` };
      const created = await b.request("PUT", `/digitaltwins/t${n}${v}`, { body: twin });
      expect(created.status, created.text).toBe(200);
      // Migrating to a model just uploaded elsewhere works the same way.
      const next = await a.request("POST", `/models${v}`, { body: [model(100 + n)] });
      expect(next.status, next.text).toBe(201);
      const patch = [{ op: "replace", path: "/$metadata/$model", value: `dtmi:test:Miss${100 + n};1` }];
      const migrated = await b.request("PATCH", `/digitaltwins/t${n}${v}`, { body: patch });
      expect(migrated.status, migrated.text).toBe(204);
    }
  });

  it("still answers an unknown model with ADT's error", async () => {
    const twin = { $metadata: { $model: "dtmi:test:Nowhere;1" }, name: "x" };
    const res = await b.request("PUT", `/digitaltwins/x${v}`, { body: twin });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: "ValidationFailed",
        message: "Invalid twin specified",
        details: [
          { code: "ValidationFailed", message: "dtmi:test:Nowhere;1 or one of its dependencies does not exist." },
        ],
      },
    });
  });
});
