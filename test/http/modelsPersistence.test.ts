import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileStoreOptions, recordedComponent, recordedModel } from "../models/support.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

const api = "api-version=2023-10-31";
let dataDir: string;
let current: TestServer | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "doppel-models-"));
});
afterAll(async () => {
  await current?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function restart(): Promise<TestServer> {
  await current?.close();
  current = await startTestServer(fileStoreOptions(dataDir));
  return current;
}

describe("model persistence", () => {
  it("keeps models, decommissioning and deletions across restarts", async () => {
    let t = await restart();
    const created = await t.request("POST", `/models?${api}`, { body: [recordedComponent, recordedModel] });
    expect(created.status).toBe(201);
    const extra = { "@id": "dtmi:test:Extra;1", "@type": "Interface", "@context": "dtmi:dtdl:context;3" };
    await t.request("POST", `/models?${api}`, { body: [extra] });
    await t.client.decomissionModel(recordedComponent["@id"]);
    await t.client.deleteModel(extra["@id"]);
    const before = await t.request("GET", `/models?${api}&includeModelDefinition=true`);

    t = await restart();
    const after = await t.request("GET", `/models?${api}&includeModelDefinition=true`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.body.value.map((m: { id: string; decommissioned: boolean }) => [m.id, m.decommissioned])).toEqual([
      [recordedComponent["@id"], true],
      [recordedModel["@id"], false],
    ]);
    const model = await t.client.getModel(recordedModel["@id"], true);
    expect(model.model).toEqual(recordedModel);
    expect(t.server.services.models.getInterface(recordedModel["@id"])?.contents.has("Component1")).toBe(true);

    // References recorded before the restart still guard deletion, and new uploads resolve against stored models.
    const refused = await t.request("DELETE", `/models/${encodeURIComponent(recordedComponent["@id"])}?${api}`);
    expect(refused.status).toBe(409);
    const user = {
      "@id": "dtmi:test:User;1",
      "@type": "Interface",
      "@context": "dtmi:dtdl:context;2",
      contents: [{ "@type": "Component", name: "c", schema: recordedComponent["@id"] }],
    };
    expect((await t.request("POST", `/models?${api}`, { body: [user] })).status).toBe(201);

    t = await restart();
    expect(t.server.services.models.list().map((m) => m.id)).toEqual([
      recordedComponent["@id"],
      recordedModel["@id"],
      user["@id"],
    ]);
    await t.client.deleteModel(user["@id"]);
    await t.client.deleteModel(recordedModel["@id"]);
    await t.client.deleteModel(recordedComponent["@id"]);

    t = await restart();
    expect((await t.request("GET", `/models?${api}`)).body).toEqual({ value: [], nextLink: null });
  });
});
