import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { eventsAfter, expectJson, lastSeq, patch, putTwin, richModels, twinPath, uploadModels } from "./support.js";

/**
 * Untrusted input never crashes the write path and never half-applies: every answer is a 2xx or
 * a 4xx in ADT's envelope, a refused write changes nothing and appends no event, and whatever is
 * accepted still validates against the model.
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
const names = [
  "name",
  "count",
  "ratio",
  "flag",
  "when",
  "mode",
  "location",
  "tags",
  "values",
  "panel",
  "temp",
  "nope",
  "$metadata",
  "$dtId",
  "",
];
const pathSegment = fc.oneof(
  fc.constantFrom(
    ...names,
    "level",
    "label",
    "lat",
    "lon",
    "$model",
    "sourceTime",
    "-",
    "0",
    "1",
    "~0",
    "~1",
    "__proto__",
  ),
  fc.string({ maxLength: 6 }),
);
const path = fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((segments) => `/${segments.join("/")}`);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    "on",
    "off",
    "2024-01-31T12:00:00Z",
    rich,
    "dtmi:test:Base;1",
    { lat: 1, lon: 2 },
    { a: "b" },
    [1, 2],
  ),
);
const operation = fc.record(
  {
    op: fc.oneof(
      fc.constantFrom("add", "replace", "remove"),
      fc.constantFrom("move", "copy", "test", ""),
      fc.jsonValue({ maxDepth: 0 }),
    ),
    path: fc.oneof(path, fc.jsonValue({ maxDepth: 0 })),
    value,
  },
  { requiredKeys: [] },
);
const patchDocument = fc.oneof(fc.array(operation, { maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }));

function isAdtError(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

describe("fuzzed writes", () => {
  it("PATCH: 204 or a 4xx; a refusal changes nothing, an acceptance keeps the twin valid", async () => {
    expectJson(
      await putTwin(t, "fuzz", {
        $metadata: { $model: rich },
        panel: { level: 1 },
        name: "n",
        tags: { a: "b" },
        values: [1],
      }),
      200,
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(patchDocument, async (ops) => {
        runs++;
        const before = await t.request("GET", twinPath("fuzz"));
        const seq = await lastSeq(t);
        const res = await patch(t, twinPath("fuzz"), ops);
        expect(res.status === 204 || (res.status >= 400 && res.status < 500), `${res.status} ${res.text}`).toBe(true);
        const after = await t.request("GET", twinPath("fuzz"));
        if (res.status !== 204) {
          expect(isAdtError(res.body)).toBe(true);
          expect(after.text).toBe(before.text);
          expect(await eventsAfter(t, seq)).toEqual([]);
          return;
        }
        // Still a valid twin of its model: it can be written back as it reads.
        const copy = await putTwin(t, "fuzz-copy", after.body);
        expect(copy.status, copy.text).toBe(200);
      }),
      { numRuns: 150 },
    );
    expect(runs).toBe(150);
  });

  it("PUT: 200 or a 4xx, never a partial twin", async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc
        .dictionary(fc.constantFrom(...names, "level"), value, { maxKeys: 6 })
        .map((d) => ({ $metadata: { $model: rich }, ...d })),
      fc.record({
        $metadata: fc.record({ $model: fc.constantFrom(rich, "dtmi:test:Base;1", "dtmi:x;1", 5) }),
        panel: value,
        name: value,
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.string({ minLength: 1, maxLength: 12 }), async (twin, id) => {
        const seq = await lastSeq(t);
        const existed = (await t.request("GET", twinPath(id))).status === 200;
        const res = await putTwin(t, id, twin);
        expect(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} ${res.text}`).toBe(true);
        if (res.status === 200) {
          expect((await t.request("GET", twinPath(id))).text).toBe(res.text);
          return;
        }
        expect(isAdtError(res.body)).toBe(true);
        expect(await eventsAfter(t, seq)).toEqual([]);
        if (!existed) expect((await t.request("GET", twinPath(id))).status).not.toBe(200);
      }),
      { numRuns: 150 },
    );
  });

  it("relationship PUT and PATCH: a 2xx or a 4xx, nothing half-written", async () => {
    expectJson(await putTwin(t, "rs", { $metadata: { $model: rich }, panel: {} }), 200);
    expectJson(await putTwin(t, "rt", { $metadata: { $model: rich }, panel: {} }), 200);
    const relationshipBody = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record(
        {
          $relationshipName: fc.constantFrom("feeds", "anything", "nope", 3),
          $targetId: fc.constantFrom("rt", "rs", "missing", ""),
          $relationshipId: fc.constantFrom("r", "x", null),
          weight: value,
          other: value,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(relationshipBody, patchDocument, async (body, ops) => {
        const seq = await lastSeq(t);
        const put = await t.request("PUT", twinPath("rs", "/relationships/r"), { body });
        expect(put.status === 200 || (put.status >= 400 && put.status < 500), put.text).toBe(true);
        if (put.status !== 200) expect(await eventsAfter(t, seq)).toEqual([]);
        const exists = (await t.request("GET", twinPath("rs", "/relationships/r"))).status === 200;
        if (!exists) return;
        const before = await t.request("GET", twinPath("rs", "/relationships/r"));
        const patched = await patch(t, twinPath("rs", "/relationships/r"), ops);
        expect(patched.status === 204 || (patched.status >= 400 && patched.status < 500), patched.text).toBe(true);
        if (patched.status !== 204)
          expect((await t.request("GET", twinPath("rs", "/relationships/r"))).text).toBe(before.text);
      }),
      { numRuns: 100 },
    );
  });
});
