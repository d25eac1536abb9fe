import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseIfMatch } from "../../src/graph/etag.js";
import type { GraphService } from "../../src/graph/graphService.js";
import { cloneJson, copyForPatch } from "../../src/graph/twinCache.js";
import type { TwinDoc } from "../../src/graph/twinDocument.js";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { expectJson, putTwin, richModels, secondWritePath, twinPath, uploadModels } from "./support.js";

/**
 * A patch plans on the twin as this process last wrote it, without reading the store. These
 * check that a stale copy (another node wrote the twin since) never shows: not in the answer,
 * not in the stored twin.
 */

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await uploadModels(t, richModels);
});
afterAll(async () => {
  await t.close();
});

const rich = "dtmi:test:Rich;1";
const origin = { source: "test", traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01" };

const node = (): GraphService => secondWritePath(t);

async function failure(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
  );
}

describe("patches planned on the twin this node last wrote", () => {
  it("honour the etag another node wrote since, and keep that node's change", async () => {
    expectJson(await putTwin(t, "stale-etag", { $metadata: { $model: rich }, panel: {}, count: 0, tags: {} }), 200);
    const [a, b] = [node(), node()];
    const first = await a.patchTwin(origin, "stale-etag", [{ op: "replace", path: "/count", value: 1 }]);
    const other = await b.patchTwin(origin, "stale-etag", [{ op: "add", path: "/tags/b", value: "x" }]);
    const second = await a.patchTwin(origin, "stale-etag", [{ op: "replace", path: "/count", value: 2 }], {
      ifMatch: parseIfMatch(other.etag),
    });
    const get = await t.request("GET", twinPath("stale-etag"));
    expect([get.body.count, get.body.tags, get.headers.get("etag")]).toEqual([2, { b: "x" }, second.etag]);
    // The etag a's own earlier write returned is no longer current.
    expect(
      await failure(
        a.patchTwin(origin, "stale-etag", [{ op: "replace", path: "/count", value: 3 }], {
          ifMatch: parseIfMatch(first.etag),
        }),
      ),
    ).toMatch(/^PreconditionFailed: /);
  });

  it("apply without If-Match on top of another node's change instead of undoing it", async () => {
    expectJson(await putTwin(t, "stale-merge", { $metadata: { $model: rich }, panel: {}, count: 0, tags: {} }), 200);
    const [a, b] = [node(), node()];
    await a.patchTwin(origin, "stale-merge", [{ op: "add", path: "/tags/a1", value: "x" }]);
    await b.patchTwin(origin, "stale-merge", [{ op: "add", path: "/tags/b", value: "y" }]);
    await a.patchTwin(origin, "stale-merge", [{ op: "add", path: "/tags/a2", value: "z" }]);
    const get = await t.request("GET", twinPath("stale-merge"));
    expect(get.body.tags).toEqual({ a1: "x", b: "y", a2: "z" });
  });

  it("judge a path by the stored twin, not by the copy this node remembers", async () => {
    expectJson(await putTwin(t, "stale-path", { $metadata: { $model: rich }, panel: {}, count: 0 }), 200);
    const [a, b] = [node(), node()];
    await a.patchTwin(origin, "stale-path", [{ op: "replace", path: "/count", value: 1 }]);
    // b sets `name`, which a's copy lacks: replacing it must work on a.
    await b.patchTwin(origin, "stale-path", [{ op: "add", path: "/name", value: "set by b" }]);
    await a.patchTwin(origin, "stale-path", [{ op: "replace", path: "/name", value: "replaced by a" }]);
    expect((await t.request("GET", twinPath("stale-path"))).body.name).toBe("replaced by a");
    // b removes it again: a's copy has it, the stored twin does not.
    await b.patchTwin(origin, "stale-path", [{ op: "remove", path: "/name" }]);
    expect(
      await failure(a.patchTwin(origin, "stale-path", [{ op: "replace", path: "/name", value: "again" }])),
    ).toMatch(/^JsonPatchInvalid: The target location specified by path segment 'name' was not found\./);
  });

  it("find a twin another node deleted gone", async () => {
    expectJson(await putTwin(t, "stale-gone", { $metadata: { $model: rich }, panel: {}, count: 0 }), 200);
    const [a, b] = [node(), node()];
    await a.patchTwin(origin, "stale-gone", [{ op: "replace", path: "/count", value: 1 }]);
    await b.deleteTwin(origin, "stale-gone");
    expect(await failure(a.patchTwin(origin, "stale-gone", [{ op: "replace", path: "/count", value: 2 }]))).toMatch(
      /^DigitalTwinNotFound: /,
    );
  });

  it("keep nothing the caller can change afterwards", async () => {
    expectJson(await putTwin(t, "caller-values", { $metadata: { $model: rich }, panel: {}, count: 0 }), 200);
    const a = node();
    const location = { lat: 1, lon: 2 };
    await a.patchTwin(origin, "caller-values", [{ op: "add", path: "/location", value: location }]);
    location.lat = 99;
    await a.patchTwin(origin, "caller-values", [{ op: "replace", path: "/count", value: 5 }]);
    const get = await t.request("GET", twinPath("caller-values"));
    expect([get.body.location, get.body.count]).toEqual([{ lat: 1, lon: 2 }, 5]);
  });
});

describe("copyForPatch", () => {
  const shared = {
    $dtId: "x",
    $etag: 'W/"1"',
    location: { lat: 1, lon: 2 },
    tags: { a: "b" },
    panel: { level: 1, $metadata: { $lastUpdateTime: "t0", level: { lastUpdateTime: "t0" } } },
    $metadata: { $model: rich, $lastUpdateTime: "t0", location: { lastUpdateTime: "t0" } },
  } as unknown as TwinDoc;

  it("copies the twin, its metadata and every value a path starts at, and shares the rest", () => {
    const before = cloneJson(shared);
    const copy = copyForPatch(shared, [
      { op: "replace", path: "/location/lat", segments: ["location", "lat"], value: 5 },
      { op: "replace", path: "/panel/level", segments: ["panel", "level"], value: 2 },
    ]);
    expect(copy).toEqual(shared);
    expect([copy === shared, copy.$metadata === shared.$metadata]).toEqual([false, false]);
    expect([copy.location === shared.location, copy.panel === shared.panel, copy.tags === shared.tags]).toEqual([
      false,
      false,
      true,
    ]);
    (copy.location as Record<string, unknown>).lat = 5;
    ((copy.panel as Record<string, unknown>).$metadata as Record<string, unknown>).$lastUpdateTime = "t1";
    copy.$metadata.$lastUpdateTime = "t1";
    expect(shared).toEqual(before);
  });

  it("keeps an own __proto__ key a key", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = cloneJson(value) as Record<string, unknown>;
    expect([Object.keys(copy), Object.getPrototypeOf(copy) === Object.prototype]).toEqual([["__proto__", "a"], true]);
  });
});
