import type { RestError } from "@azure/core-http";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  recordedComponent,
  recordedEntry,
  recordedModel,
  sharedAvailable,
  uploadTimePattern,
  withUploadTime,
} from "../models/support.js";
import { startTestServer, type TestServer } from "../support/testServer.js";

const api = "api-version=2023-10-31";
const hasRecordings = sharedAvailable("adt", "recordings");
const errorsFile = "js-models_errors.json";
const listFile = "js-models_get_list_decommission_delete.json";

const componentPath = `/models/${encodeURIComponent(recordedComponent["@id"])}`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

/** Deletes every model, dependents first, so each test starts from an empty registry. */
async function clearModels(): Promise<void> {
  for (let round = 0; round < 20 && t.server.services.models.size > 0; round++) {
    for (const entry of [...t.server.services.models.list()].reverse()) {
      await t.request("DELETE", `/models/${encodeURIComponent(entry.id)}?${api}`);
    }
  }
}
afterEach(clearModels);

async function sdkError(promise: Promise<unknown>): Promise<RestError> {
  try {
    await promise;
  } catch (error) {
    return error as RestError;
  }
  throw new Error("expected the SDK call to fail");
}

function expectJsonHeaders(res: { headers: Headers }): void {
  expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
}

function expectError(
  res: { status: number; headers: Headers; body: any },
  status: number,
  code: string,
  message?: string,
): void {
  expect(res.status).toBe(status);
  expectJsonHeaders(res);
  expect(res.headers.get("x-ms-error-code")).toBe(code);
  expect(res.body.error.code).toBe(code);
  if (message !== undefined) expect(res.body).toEqual({ error: { code, message } });
}

const parserPrefix = "None of the models in this request could be created due to a problem with one or more models: ";
const parserSuffix = ". See model documentation(https://aka.ms/ADTv2Models) for supported format.";

/**
 * ADT's DTDLParserError envelope around the parser's messages. The parser's wording is its own
 * (Doppel's parser does not reuse the official parser's prose), so the comparison with a recording
 * covers everything ADT adds: the code, the sentence around the messages, the ` | ` join, one
 * message per recorded message, each message also present as a detail, in order.
 */
function expectParserError(actual: any, recorded: any): void {
  expect(Object.keys(actual.error)).toEqual(["code", "message", "details"]);
  expect(actual.error.code).toBe(recorded.error.code);
  const inner = (message: string) => {
    expect(message.startsWith(parserPrefix)).toBe(true);
    expect(message.endsWith(parserSuffix)).toBe(true);
    return message.slice(parserPrefix.length, -parserSuffix.length);
  };
  const recordedParts = inner(recorded.error.message).split(" | ");
  const details: { message: string }[] = actual.error.details;
  expect(details).toHaveLength(recordedParts.length);
  expect(inner(actual.error.message)).toBe(details.map((d) => d.message).join(" | "));
}

const tinyModel = (n: number) => ({
  "@id": `dtmi:test:paging:M${n};1`,
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;3",
  displayName: `M${n}`,
});

describe("POST /models", () => {
  it.skipIf(!hasRecordings)("answers 201 with ADT's model data, as recorded (SDK)", async () => {
    const recorded = recordedEntry(
      errorsFile,
      "create_model_existing: first POST of two models (component + model referencing it)",
    );
    const created = await t.client.createModels([recordedComponent, recordedModel]);
    expect(created._response.status).toBe(201);
    expect(created._response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(withUploadTime(JSON.parse(created._response.bodyAsText ?? ""))).toEqual(
      withUploadTime(recorded.ResponseBody),
    );
    expect(created[0]?.id).toBe(recordedComponent["@id"]);
    expect(created[1]?.uploadTime).toBeInstanceOf(Date);
  });

  it.skipIf(!hasRecordings)("answers 409 ModelIdAlreadyExists exactly as recorded (SDK and raw)", async () => {
    const recorded = recordedEntry(errorsFile, "create_model_existing: same POST again");
    await t.client.createModels([recordedComponent, recordedModel]);
    const error = await sdkError(t.client.createModels([recordedComponent, recordedModel]));
    expect(error.statusCode).toBe(409);
    expect(error.code).toBe("ModelIdAlreadyExists");
    const res = await t.request("POST", `/models?${api}`, { body: [recordedComponent, recordedModel] });
    expectError(res, 409, "ModelIdAlreadyExists");
    expect(res.body).toEqual(recorded.ResponseBody);
  });

  it.skipIf(!hasRecordings)("answers 400 InvalidArgument for an empty array exactly as recorded", async () => {
    const recorded = recordedEntry(errorsFile, "create_models_empty");
    // SDK 1.1.0 refuses an empty array itself (minItems); SDK 2.x sends it, as recorded.
    const res = await t.request("POST", `/models?${api}`, {
      rawBody: "[]",
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400, "InvalidArgument");
    expect(res.body).toEqual(recorded.ResponseBody);
  });

  it.skipIf(!hasRecordings)(
    "answers 400 DTDLParserError for a model without @id, as recorded (plus details)",
    async () => {
      const recorded = recordedEntry(errorsFile, "create_model_invalid_model: model without @id/@type");
      const res = await t.request("POST", `/models?${api}`, { body: recorded.RequestBody });
      expectError(res, 400, "DTDLParserError");
      expectParserError(res.body, recorded.ResponseBody);
      expect(res.body.error.details).toEqual([
        expect.objectContaining({ code: "DTDLParserError", validationId: expect.stringMatching(/^dtmi:dtdl:/) }),
      ]);
    },
  );

  it.skipIf(!hasRecordings)(
    "answers 400 DTDLParserError for an invalid reference, as recorded (plus details)",
    async () => {
      const recorded = recordedEntry(errorsFile, "create_model_invalid_reference: component schema 'XXX'");
      const error = await sdkError(t.client.createModels(recorded.RequestBody as object[]));
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe("DTDLParserError");
      const res = await t.request("POST", `/models?${api}`, { body: recorded.RequestBody });
      expectError(res, 400, "DTDLParserError");
      expectParserError(res.body, recorded.ResponseBody);
      for (const detail of res.body.error.details) {
        expect(detail).toMatchObject({
          code: "DTDLParserError",
          primaryId: "dtmi:samples:DTModelTestsModel:_contents:__Component1;1",
          property: "schema",
        });
      }
    },
  );

  it("is all-or-nothing: one bad model stores nothing", async () => {
    const bad = { ...tinyModel(2), contents: [{ "@type": "Component", name: "c", schema: "dtmi:test:Missing;1" }] };
    const res = await t.request("POST", `/models?${api}`, { body: [tinyModel(1), bad] });
    expectError(res, 400, "DTDLParserError");
    const list = await t.request("GET", `/models?${api}`);
    expect(list.body).toEqual({ value: [], nextLink: null });
  });

  it("rejects duplicate ids within one request", async () => {
    const res = await t.request("POST", `/models?${api}`, { body: [tinyModel(1), tinyModel(1)] });
    expectError(res, 400, "DTDLParserError");
    expect(res.body.error.details).toEqual([
      {
        code: "DTDLParserError",
        message: expect.stringContaining("dtmi:test:paging:M1;1"),
        validationId: "dtmi:dtdl:parsingError:duplicateDefinition",
        primaryId: "dtmi:test:paging:M1;1",
      },
    ]);
  });

  it.each([
    ["an object", { "@id": "dtmi:a;1" }],
    ["a number array", [1, 2]],
    ["a string", "models"],
  ])("rejects %s with InvalidArgument", async (_label, body) => {
    const res = await t.request("POST", `/models?${api}`, { body });
    expectError(
      res,
      400,
      "InvalidArgument",
      "Operation failed as models provided was empty or of a type that is not supported.. Check that your Model Array contains at least one item and it is of a supported type. See link(https://aka.ms/ADTv2Models) for details.",
    );
  });

  it("rejects a body that is not JSON", async () => {
    const res = await t.request("POST", `/models?${api}`, {
      rawBody: "[{",
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400, "InvalidArgument");
  });

  it("rejects more than 250 models per call with LimitExceeded", async () => {
    const models = Array.from({ length: 251 }, (_, i) => tinyModel(i));
    const res = await t.request("POST", `/models?${api}`, { body: models });
    expectError(res, 400, "LimitExceeded");
    expect(t.server.services.models.size).toBe(0);
  });

  it("requires a known api-version", async () => {
    expectError(await t.request("POST", "/models", { body: [tinyModel(1)] }), 400, "InvalidArgument");
    expectError(await t.request("GET", "/models?api-version=1999-01-01"), 400, "InvalidArgument");
    expectError(await t.request("GET", `${componentPath}?api-version=`), 400, "InvalidArgument");
    expect(t.server.services.models.size).toBe(0);
  });

  it("accepts every published api-version", async () => {
    for (const version of ["2020-10-31", "2021-06-30-preview", "2022-05-31", "2023-06-30", "2023-10-31"]) {
      const res = await t.request("GET", `/models?api-version=${version}`);
      expect(res.status).toBe(200);
    }
  });
});

describe("GET, PATCH and DELETE /models/{id}", () => {
  it.skipIf(!hasRecordings)("gets a model with its definition exactly as recorded (SDK and raw)", async () => {
    const recorded = recordedEntry(listFile, "get_model_with_definition");
    await t.client.createModels([recordedComponent, recordedModel]);
    const model = await t.client.getModel(recordedComponent["@id"], true);
    expect(model.model).toEqual(recordedComponent);
    expect(model.decommissioned).toBe(false);
    const res = await t.request("GET", `${componentPath}?${api}&includeModelDefinition=true`);
    expect(res.status).toBe(200);
    expectJsonHeaders(res);
    expect(withUploadTime(res.body)).toEqual(withUploadTime(recorded.ResponseBody));
    // Key order as ADT writes it.
    expect(Object.keys(res.body)).toEqual([
      "id",
      "description",
      "displayName",
      "decommissioned",
      "uploadTime",
      "model",
    ]);
  });

  it.skipIf(!hasRecordings)("decommissions idempotently with 204, as recorded (SDK)", async () => {
    const getAfter = recordedEntry(listFile, "decommission_model_already_decommissioned: GET after");
    await t.client.createModels([recordedComponent]);
    const first = await t.client.decomissionModel(recordedComponent["@id"]);
    expect(first._response.status).toBe(204);
    const res = await t.request("GET", `${componentPath}?${api}&includeModelDefinition=false`);
    expect(withUploadTime(res.body)).toEqual(withUploadTime(getAfter.ResponseBody));
    const second = await t.request("PATCH", `${componentPath}?${api}`, {
      rawBody: '[{"op":"replace","path":"/decommissioned","value":true}]',
      headers: { "content-type": "application/json-patch+json" },
    });
    expect(second.status).toBe(204);
    expect(second.text).toBe("");
    expect(second.headers.get("content-type")).toBeNull();
    expect(t.server.services.models.isDecommissioned(recordedComponent["@id"])).toBe(true);
  });

  it.skipIf(!hasRecordings)(
    "refuses to delete a referenced model, then deletes leaf-first (SDK), as recorded",
    async () => {
      const referenced = recordedEntry(
        listFile,
        "delete_model_with_dependencies: delete component model still referenced by TempModel",
      );
      const notFound = recordedEntry(listFile, "get model not existing (from same file, after deletion)");
      await t.client.createModels([recordedComponent, recordedModel]);
      const error = await sdkError(t.client.deleteModel(recordedComponent["@id"]));
      expect(error.statusCode).toBe(409);
      expect(error.code).toBe("ModelReferencesNotDeleted");
      const res = await t.request("DELETE", `${componentPath}?${api}`);
      expectError(res, 409, "ModelReferencesNotDeleted");
      expect(res.body).toEqual(referenced.ResponseBody);

      expect((await t.client.deleteModel(recordedModel["@id"]))._response.status).toBe(204);
      const deleted = await t.request("DELETE", `${componentPath}?${api}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe("");

      const missing = await sdkError(t.client.getModel(recordedComponent["@id"]));
      expect(missing.statusCode).toBe(404);
      expect(missing.code).toBe("ModelNotFound");
      const raw = await t.request("GET", `${componentPath}?${api}&includeModelDefinition=false`);
      expectError(raw, 404, "ModelNotFound");
      expect(raw.body).toEqual(notFound.ResponseBody);
      expectError(await t.request("DELETE", `${componentPath}?${api}`), 404, "ModelNotFound");
      expectError(
        await t.request("PATCH", `${componentPath}?${api}`, {
          body: [{ op: "replace", path: "/decommissioned", value: true }],
        }),
        404,
        "ModelNotFound",
      );
    },
  );

  it.skipIf(!sharedAvailable("adt", "recordings", "net2025-assets_api-2023-10-31.json"))(
    "answers 400 InvalidArgument for a malformed model id, as recorded",
    async () => {
      const res = await t.request("GET", `/models/thisIsNotAValidModelId?includeModelDefinition=true&${api}`);
      expectError(
        res,
        400,
        "InvalidArgument",
        "The format of the Model ID thisIsNotAValidModelId provided is not supported. See model documentation(https://aka.ms/ADTv2Models) for supported format.",
      );
      const error = await sdkError(t.client.getModel("thisIsNotAValidModelId", true));
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe("InvalidArgument");
      expectError(await t.request("DELETE", `/models/nope?${api}`), 400, "InvalidArgument");
      expectError(await t.request("PATCH", `/models/nope?${api}`, { body: [] }), 400, "InvalidArgument");
    },
  );

  it("decodes the id per path segment: an encoded slash stays in the id", async () => {
    const res = await t.request("GET", `/models/dtmi%3Aa%2Fb%3B1?${api}`);
    expectError(
      res,
      400,
      "InvalidArgument",
      "The format of the Model ID dtmi:a/b;1 provided is not supported. See model documentation(https://aka.ms/ADTv2Models) for supported format.",
    );
  });

  it("gets metadata only by default and rejects a non-boolean includeModelDefinition", async () => {
    await t.request("POST", `/models?${api}`, { body: [tinyModel(1)] });
    const path = `/models/${encodeURIComponent(tinyModel(1)["@id"])}`;
    const res = await t.request("GET", `${path}?${api}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: "dtmi:test:paging:M1;1",
      description: {},
      displayName: { en: "M1" },
      decommissioned: false,
      uploadTime: expect.stringMatching(uploadTimePattern),
    });
    expect((await t.request("GET", `${path}?${api}&includeModelDefinition=True`)).body.model).toEqual(tinyModel(1));
    expectError(await t.request("GET", `${path}?${api}&includeModelDefinition=yes`), 400, "InvalidArgument");
  });

  it.each([
    ["a non-array", { op: "replace", path: "/decommissioned", value: true }, "JsonPatchInvalid"],
    ["an empty array", [], "JsonPatchInvalid"],
    ["a non-object operation", ["replace"], "JsonPatchInvalid"],
    ["a move", [{ op: "move", from: "/a", path: "/decommissioned" }], "JsonPatchInvalid"],
    ["an add", [{ op: "add", path: "/decommissioned", value: true }], "JsonPatchInvalid"],
    ["another path", [{ op: "replace", path: "/displayName", value: "x" }], "InvalidArgument"],
    ["recommissioning", [{ op: "replace", path: "/decommissioned", value: false }], "InvalidArgument"],
    ["a string true", [{ op: "replace", path: "/decommissioned", value: "true" }], "InvalidArgument"],
  ])("rejects a patch with %s", async (_label, body, code) => {
    await t.request("POST", `/models?${api}`, { body: [tinyModel(1)] });
    const path = `/models/${encodeURIComponent(tinyModel(1)["@id"])}`;
    const res = await t.request("PATCH", `${path}?${api}`, {
      rawBody: JSON.stringify(body),
      headers: { "content-type": "application/json-patch+json" },
    });
    expectError(res, 400, code);
    expect(t.server.services.models.isDecommissioned(tinyModel(1)["@id"])).toBe(false);
  });

  it("reports a move like ADT does for twins", async () => {
    await t.request("POST", `/models?${api}`, { body: [tinyModel(1)] });
    const path = `/models/${encodeURIComponent(tinyModel(1)["@id"])}`;
    const res = await t.request("PATCH", `${path}?${api}`, { body: [{ op: "move", from: "/x", path: "/y" }] });
    expect(res.body.error.message).toMatch(
      /^Unsupported operation type move\. Please provide a valid patch document\./,
    );
  });
});

describe("GET /models", () => {
  it.skipIf(!hasRecordings)("lists model data as recorded (SDK and raw)", async () => {
    const recorded = recordedEntry(listFile, "list_models");
    await t.client.createModels([recordedComponent, recordedModel]);
    const res = await t.request("GET", `/models?${api}&includeModelDefinition=false`);
    expect(res.status).toBe(200);
    expectJsonHeaders(res);
    expect(withUploadTime(res.body)).toEqual(withUploadTime(recorded.ResponseBody));
    expect(Object.keys(res.body)).toEqual(["value", "nextLink"]);
    const ids: string[] = [];
    for await (const model of t.client.listModels()) ids.push(model.id);
    expect(ids).toEqual([recordedComponent["@id"], recordedModel["@id"]]);
  });

  it("lists a model with its dependencies and definitions (SDK, CSV and repeated parameters)", async () => {
    const other = tinyModel(9);
    await t.client.createModels([other, recordedComponent, recordedModel]);
    const listed = [];
    for await (const model of t.client.listModels([recordedModel["@id"]], true)) listed.push(model);
    expect(listed.map((m) => [m.id, m.model])).toEqual([
      [recordedComponent["@id"], recordedComponent],
      [recordedModel["@id"], recordedModel],
    ]);
    const ids = (body: any) => body.value.map((m: { id: string }) => m.id);
    const csv = await t.request(
      "GET",
      `/models?${api}&dependenciesFor=${encodeURIComponent(`${other["@id"]},${recordedComponent["@id"]}`)}`,
    );
    expect(ids(csv.body)).toEqual([other["@id"], recordedComponent["@id"]]);
    const repeated = await t.request(
      "GET",
      `/models?${api}&dependenciesFor=${encodeURIComponent(other["@id"])}&dependenciesFor=${encodeURIComponent(recordedModel["@id"])}`,
    );
    expect(ids(repeated.body)).toEqual([other["@id"], recordedComponent["@id"], recordedModel["@id"]]);
    // listModels([]) sends an empty dependenciesFor: every model.
    const all = [];
    for await (const model of t.client.listModels([], true)) all.push(model.id);
    expect(all).toHaveLength(3);
    const empty = await t.request("GET", `/models?${api}&dependenciesFor=&includeModelDefinition=true`);
    expect(ids(empty.body)).toHaveLength(3);
  });

  it("rejects unknown and malformed dependenciesFor ids", async () => {
    await t.request("POST", `/models?${api}`, { body: [tinyModel(1)] });
    const res = await t.request(
      "GET",
      `/models?${api}&dependenciesFor=dtmi:test:Missing;1,${tinyModel(1)["@id"]},dtmi:test:Gone;1`,
    );
    expectError(
      res,
      404,
      "ModelNotFound",
      "There is no Model(s) available that matches the provided id(s) dtmi:test:Missing;1, dtmi:test:Gone;1. Check that the Model ID provided is valid by doing a Model_List API call.",
    );
    const error = await sdkError(t.client.listModels(["dtmi:test:Missing;1"]).next());
    expect(error.statusCode).toBe(404);
    expectError(await t.request("GET", `/models?${api}&dependenciesFor=junk`), 400, "InvalidArgument");
  });

  it("pages with max-items-per-page and an absolute https nextLink the SDK follows", async () => {
    const models = Array.from({ length: 7 }, (_, i) => tinyModel(i));
    await t.client.createModels(models);
    const pageSizes: number[] = [];
    const seen: string[] = [];
    for await (const page of t.client.listModels(undefined, false).byPage({ maxPageSize: 3 })) {
      pageSizes.push(page.value?.length ?? 0);
      for (const m of page.value ?? []) seen.push(m.id);
    }
    expect(pageSizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(models.map((m) => m["@id"]));

    const first = await t.request("GET", `/models?${api}`, { headers: { "max-items-per-page": "5" } });
    expect(first.body.value).toHaveLength(5);
    const next = new URL(first.body.nextLink);
    expect(next.origin).toBe(t.url);
    expect(next.pathname).toBe("/models");
    expect(next.searchParams.get("api-version")).toBe("2023-10-31");
    expect(next.searchParams.get("includeModelDefinition")).toBe("false");
    const second = await t.request("GET", next.pathname + next.search);
    expect(second.body.value.map((m: { id: string }) => m.id)).toEqual([models[5]!["@id"], models[6]!["@id"]]);
    expect(second.body.nextLink).toBeNull();
    expect(second.text).toContain('"nextLink":null');
  });

  it("keeps the first page's size when a follow-up omits the header, and caps pages at 100", async () => {
    const models = Array.from({ length: 230 }, (_, i) => tinyModel(i));
    await t.request("POST", `/models?${api}`, { body: models });
    const first = await t.request("GET", `/models?${api}`, { headers: { "max-items-per-page": "4" } });
    const link = new URL(first.body.nextLink);
    const second = await t.request("GET", link.pathname + link.search);
    expect(second.body.value).toHaveLength(4);
    const big = await t.request("GET", `/models?${api}`, { headers: { "max-items-per-page": "1000" } });
    expect(big.body.value).toHaveLength(100);
    const plain = await t.request("GET", `/models?${api}`);
    expect(plain.body.value).toHaveLength(100);
    let count = 0;
    for await (const _ of t.client.listModels()) count++;
    expect(count).toBe(230);
  });

  it("rejects tampered, foreign and filter-swapped continuation tokens", async () => {
    await t.request("POST", `/models?${api}`, { body: [tinyModel(1), tinyModel(2), tinyModel(3)] });
    const first = await t.request(
      "GET",
      `/models?${api}&dependenciesFor=${tinyModel(1)["@id"]},${tinyModel(2)["@id"]}`,
      {
        headers: { "max-items-per-page": "1" },
      },
    );
    const link = new URL(first.body.nextLink);
    const token = link.searchParams.get("continuationToken")!;
    const ok = await t.request("GET", link.pathname + link.search);
    expect(ok.body.value.map((m: { id: string }) => m.id)).toEqual([tinyModel(2)["@id"]]);

    const swapped = new URL(link);
    swapped.searchParams.delete("dependenciesFor");
    expectError(await t.request("GET", swapped.pathname + swapped.search), 400, "InvalidArgument");
    for (const bad of [
      `${token}x`,
      token.replace(/^./, (c) => (c === "A" ? "B" : "A")),
      "",
      "eyJ2IjoxLCJzIjowLCJuIjoxfQ.AAAA",
      "1",
    ]) {
      const tampered = new URL(link);
      tampered.searchParams.set("continuationToken", bad);
      expectError(await t.request("GET", tampered.pathname + tampered.search), 400, "InvalidArgument");
    }
  });

  it.each(["0", "-1", "abc", "1.5"])("rejects max-items-per-page %j", async (value) => {
    expectError(
      await t.request("GET", `/models?${api}`, { headers: { "max-items-per-page": value } }),
      400,
      "InvalidArgument",
    );
  });
});

describe("untrusted input", () => {
  it("answers list queries with arbitrary parameters with 200 or a 4xx, never a crash", async () => {
    await t.request("POST", `/models?${api}`, { body: [tinyModel(1), tinyModel(2)] });
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            dependenciesFor: fc.oneof(fc.string(), fc.constant(tinyModel(1)["@id"])),
            includeModelDefinition: fc.oneof(fc.string(), fc.constantFrom("true", "FALSE")),
            continuationToken: fc.string(),
            pageSize: fc.oneof(fc.string(), fc.integer().map(String)),
          },
          { requiredKeys: [] },
        ),
        async ({ pageSize, ...query }) => {
          const params = new URLSearchParams({ ...query, "api-version": "2023-10-31" });
          const headers: Record<string, string> = {};
          if (pageSize !== undefined && /^[\x20-\x7e]*$/.test(pageSize)) headers["max-items-per-page"] = pageSize;
          const res = await t.request("GET", `/models?${params}`, { headers });
          expect([200, 400, 404]).toContain(res.status);
          expectJsonHeaders(res);
          if (res.status !== 200) expect(res.headers.get("x-ms-error-code")).toBe(res.body.error.code);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("answers arbitrary patch documents with 204 or a 4xx", async () => {
    await t.request("POST", `/models?${api}`, { body: [tinyModel(1)] });
    const path = `/models/${encodeURIComponent(tinyModel(1)["@id"])}?${api}`;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.array(fc.record({ op: fc.constantFrom("replace", "add", "x"), path: fc.string(), value: fc.jsonValue() })),
        ),
        async (body) => {
          const res = await t.request("PATCH", path, {
            rawBody: JSON.stringify(body),
            headers: { "content-type": "application/json-patch+json" },
          });
          expect([204, 400]).toContain(res.status);
        },
      ),
      { numRuns: 60 },
    );
  });
});
