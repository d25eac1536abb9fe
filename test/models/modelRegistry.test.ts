import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ParseOptions } from "../../src/dtdl/model.js";
import { parseDtdl } from "../../src/dtdl/parseDtdl.js";
import { DoppelError } from "../../src/errors/catalogue.js";
import { ModelRegistry, type ModelRegistryOptions } from "../../src/models/modelRegistry.js";
import { openSqlite, type SqliteDatabase } from "../../src/store/sqlite/openSqlite.js";
import { SqliteModelRepository } from "../../src/store/sqlite/sqliteModelRepository.js";

const ctx = "dtmi:dtdl:context;3";
const space = {
  "@id": "dtmi:test:Space;1",
  "@type": "Interface",
  "@context": ctx,
  displayName: "Space",
  description: { en: "Somewhere", de: "Irgendwo" },
  contents: [{ "@type": "Property", name: "name", schema: "string" }],
};
const thermostat = {
  "@id": "dtmi:test:Thermostat;1",
  "@type": "Interface",
  "@context": ctx,
  contents: [{ "@type": "Property", name: "setpoint", schema: "double" }],
};
const room = {
  "@id": "dtmi:test:Room;1",
  "@type": "Interface",
  "@context": ctx,
  extends: "dtmi:test:Space;1",
  contents: [
    { "@type": "Property", name: "area", schema: "double" },
    { "@type": "Component", name: "thermostat", schema: "dtmi:test:Thermostat;1" },
    { "@type": "Relationship", name: "isPartOf", target: "dtmi:test:Building;1" },
  ],
};
const meetingRoom = {
  "@id": "dtmi:test:MeetingRoom;1",
  "@type": "Interface",
  "@context": ctx,
  extends: ["dtmi:test:Room;1"],
};
/** Defines an inline component interface with its own id. */
const lamp = {
  "@id": "dtmi:test:Lamp;1",
  "@type": "Interface",
  "@context": ctx,
  contents: [
    {
      "@type": "Component",
      name: "bulb",
      schema: {
        "@id": "dtmi:test:Bulb;1",
        "@type": "Interface",
        contents: [{ "@type": "Property", name: "watts", schema: "integer" }],
      },
    },
  ],
};
const bulbUser = {
  "@id": "dtmi:test:BulbUser;1",
  "@type": "Interface",
  "@context": ctx,
  contents: [{ "@type": "Component", name: "spare", schema: "dtmi:test:Bulb;1" }],
};

let db: SqliteDatabase;
let repo: SqliteModelRepository;
let registry: ModelRegistry;

async function load(options: Partial<ModelRegistryOptions> = {}): Promise<ModelRegistry> {
  return ModelRegistry.load(repo, { maxModelsPerUpload: 250, ...options });
}

async function failure(promise: Promise<unknown>): Promise<DoppelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DoppelError) return error;
    throw error;
  }
  throw new Error("expected a DoppelError");
}

beforeEach(async () => {
  db = openSqlite(":memory:");
  repo = new SqliteModelRepository(db);
  registry = await load();
});
afterEach(() => db.close());

const ancestry = (id: string) =>
  db.prepare("SELECT ancestor_id, depth FROM model_ancestry WHERE model_id = ? ORDER BY depth, 1").all(id);
const refs = (id: string) => db.prepare("SELECT ref_id FROM model_refs WHERE model_id = ? ORDER BY 1").all(id);

describe("ModelRegistry upload", () => {
  it("accepts a batch whose members reference each other in any order", async () => {
    const entries = await registry.upload([meetingRoom, room, thermostat, space]);
    expect(entries.map((e) => e.id)).toEqual([
      "dtmi:test:MeetingRoom;1",
      "dtmi:test:Room;1",
      "dtmi:test:Thermostat;1",
      "dtmi:test:Space;1",
    ]);
    expect(entries[3]).toMatchObject({
      displayName: { en: "Space" },
      description: { en: "Somewhere", de: "Irgendwo" },
      decommissioned: false,
    });
    expect(entries[2]).toMatchObject({ displayName: {}, description: {} });
    expect(entries[1]!.refs).toEqual(expect.arrayContaining(["dtmi:test:Space;1", "dtmi:test:Thermostat;1"]));
    expect(entries[1]!.refs).toHaveLength(2);
    // Inherited contents are the ancestor's dependencies, not the child's.
    expect(entries[0]!.refs).toEqual(["dtmi:test:Room;1"]);
  });

  it("keeps the object model warm: flattened contents, ancestors, subtypes", async () => {
    await registry.upload([space, thermostat, room, meetingRoom]);
    const meeting = registry.getInterface("dtmi:test:MeetingRoom;1")!;
    expect([...meeting.contents.keys()].sort()).toEqual(["area", "isPartOf", "name", "thermostat"]);
    expect([...meeting.ancestors].sort()).toEqual(["dtmi:test:Room;1", "dtmi:test:Space;1"]);
    expect(registry.isSubtypeOf("dtmi:test:MeetingRoom;1", "dtmi:test:Space;1")).toBe(true);
    expect(registry.isSubtypeOf("dtmi:test:MeetingRoom;1", "dtmi:test:MeetingRoom;1")).toBe(true);
    expect(registry.isSubtypeOf("dtmi:test:Space;1", "dtmi:test:Room;1")).toBe(false);
    expect(registry.isSubtypeOf("dtmi:test:Thermostat;1", "dtmi:test:Space;1")).toBe(false);
    expect(registry.getInterface("dtmi:test:Nope;1")).toBeUndefined();
  });

  it("resolves references to models stored by earlier calls and records refs and ancestry", async () => {
    await registry.upload([space]);
    await registry.upload([thermostat]);
    await registry.upload([room]);
    await registry.upload([meetingRoom]);
    expect(ancestry("dtmi:test:MeetingRoom;1")).toEqual([
      { ancestor_id: "dtmi:test:MeetingRoom;1", depth: 0 },
      { ancestor_id: "dtmi:test:Room;1", depth: 1 },
      { ancestor_id: "dtmi:test:Space;1", depth: 2 },
    ]);
    expect(refs("dtmi:test:Room;1")).toEqual([{ ref_id: "dtmi:test:Space;1" }, { ref_id: "dtmi:test:Thermostat;1" }]);
    expect(registry.getInterface("dtmi:test:MeetingRoom;1")!.contents.get("thermostat")).toMatchObject({
      kind: "Component",
      schema: "dtmi:test:Thermostat;1",
    });
  });

  it("rejects a batch with an unresolved reference and stores none of it", async () => {
    const error = await failure(registry.upload([space, { ...meetingRoom }]));
    expect(error.code).toBe("DTDLParserError");
    expect(error.message).toMatch(
      /^None of the models in this request could be created due to a problem with one or more models: .+\. See model documentation\(https:\/\/aka\.ms\/ADTv2Models\) for supported format\.$/,
    );
    expect(error.details).toEqual([
      expect.objectContaining({
        code: "DTDLParserError",
        validationId: "dtmi:dtdl:resolutionError:undefinedIdentifier",
        primaryId: "dtmi:test:MeetingRoom;1",
        documentIndex: 1,
      }),
    ]);
    expect(registry.size).toBe(0);
    expect(await repo.all()).toEqual([]);
  });

  it("registers inline interfaces, resolves them for later uploads and tracks their owner", async () => {
    await registry.upload([lamp]);
    expect(registry.getInterface("dtmi:test:Bulb;1")?.contents.has("watts")).toBe(true);
    expect(registry.has("dtmi:test:Bulb;1")).toBe(false);
    const [user] = await registry.upload([bulbUser]);
    expect(user!.refs).toEqual(["dtmi:test:Lamp;1"]);
    const error = await failure(registry.delete("dtmi:test:Lamp;1"));
    expect(error.code).toBe("ModelReferencesNotDeleted");
    await registry.delete("dtmi:test:BulbUser;1");
    await registry.delete("dtmi:test:Lamp;1");
    expect(registry.getInterface("dtmi:test:Bulb;1")).toBeUndefined();
  });

  it("answers 409 for ids that exist, in request order, before parsing", async () => {
    await registry.upload([space, thermostat]);
    const error = await failure(registry.upload([thermostat, { "@id": "dtmi:test:Broken;1" }, space]));
    expect(error.code).toBe("ModelIdAlreadyExists");
    expect(error.status).toBe(409);
    expect(error.message).toBe(
      "Some of the model ids already exist: dtmi:test:Thermostat;1, dtmi:test:Space;1. Use Model_List API to view models that already exist. See the Swagger example (https://aka.ms/ModelListSwSmpl).",
    );
  });

  it("treats an inline interface id as taken", async () => {
    await registry.upload([lamp]);
    const bulb = { ...thermostat, "@id": "dtmi:test:Bulb;1" };
    expect((await failure(registry.upload([bulb]))).code).toBe("ModelIdAlreadyExists");
  });

  it("rejects duplicate ids within a batch as a parser error", async () => {
    const error = await failure(registry.upload([space, thermostat, space]));
    expect(error.code).toBe("DTDLParserError");
    expect(error.details).toEqual([
      expect.objectContaining({
        code: "DTDLParserError",
        validationId: "dtmi:dtdl:parsingError:duplicateDefinition",
        primaryId: "dtmi:test:Space;1",
      }),
    ]);
    expect(registry.size).toBe(0);
  });

  it.each([
    ["an object", { "@id": "dtmi:a;1" }],
    ["a string", "[]"],
    ["null", null],
    ["an empty array", []],
    ["an array holding a number", [1]],
    ["an array holding an array", [[space]]],
    ["an array holding null", [space, null]],
  ])("rejects %s as InvalidArgument", async (_label, body) => {
    const error = await failure(registry.upload(body));
    expect(error.code).toBe("InvalidArgument");
    expect(error.message).toBe(
      "Operation failed as models provided was empty or of a type that is not supported.. Check that your Model Array contains at least one item and it is of a supported type. See link(https://aka.ms/ADTv2Models) for details.",
    );
  });

  it("enforces the configured batch limit", async () => {
    const small = await load({ maxModelsPerUpload: 2 });
    const error = await failure(small.upload([space, thermostat, room]));
    expect(error.code).toBe("LimitExceeded");
    expect(error.status).toBe(400);
    expect(await small.upload([space, thermostat])).toHaveLength(2);
  });

  it("serialises concurrent uploads so a later call sees an earlier one's models", async () => {
    const results = await Promise.all([
      registry.upload([space]),
      registry.upload([room, thermostat]),
      registry.upload([meetingRoom]),
    ]);
    expect(results.flat().map((e) => e.id)).toHaveLength(4);
    expect(registry.list().map((e) => e.id)).toEqual([
      "dtmi:test:Space;1",
      "dtmi:test:Room;1",
      "dtmi:test:Thermostat;1",
      "dtmi:test:MeetingRoom;1",
    ]);
  });

  it("never crashes on arbitrary input: a 4xx DoppelError or a stored model", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.array(fc.dictionary(fc.constantFrom("@id", "@type", "@context", "contents", "extends"), fc.anything())),
          fc
            .record({
              key: fc.constantFrom("@id", "@type", "@context", "contents", "extends", "displayName"),
              value: fc.jsonValue(),
            })
            .map(({ key, value }) => [{ ...room, [key]: value }]),
        ),
        async (body) => {
          try {
            await registry.upload(body);
          } catch (error) {
            expect(error).toBeInstanceOf(DoppelError);
            expect((error as DoppelError).status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("ModelRegistry decommission and delete", () => {
  beforeEach(async () => {
    await registry.upload([space, thermostat, room]);
  });

  it("decommissions idempotently and bumps the generation", async () => {
    const before = registry.generation;
    await registry.decommission("dtmi:test:Room;1");
    await registry.decommission("dtmi:test:Room;1");
    expect(registry.isDecommissioned("dtmi:test:Room;1")).toBe(true);
    expect(registry.isDecommissioned("dtmi:test:Space;1")).toBe(false);
    expect(registry.getModel("dtmi:test:Room;1")?.decommissioned).toBe(true);
    expect(registry.generation).toBeGreaterThan(before);
    expect((await repo.all()).find((m) => m.id === "dtmi:test:Room;1")?.decommissioned).toBe(true);
  });

  it("refuses to delete a referenced model with ADT's message", async () => {
    const error = await failure(registry.delete("dtmi:test:Space;1"));
    expect(error.code).toBe("ModelReferencesNotDeleted");
    expect(error.message).toBe(
      "This model is currently being referenced by dtmi:test:Room;1. You must delete these references before deleting the Model.. To delete references, do Delete Model on Ids provided above.",
    );
    expect(registry.has("dtmi:test:Space;1")).toBe(true);
  });

  it("deletes leaf-first, forgets the interface and allows a re-upload", async () => {
    await registry.delete("dtmi:test:Room;1");
    expect(registry.getInterface("dtmi:test:Room;1")).toBeUndefined();
    expect(ancestry("dtmi:test:Room;1")).toEqual([]);
    await registry.delete("dtmi:test:Space;1");
    const [again] = await registry.upload([{ ...space, displayName: "Space again" }]);
    expect(again!.displayName).toEqual({ en: "Space again" });
    expect(registry.list().map((e) => e.id)).toEqual(["dtmi:test:Thermostat;1", "dtmi:test:Space;1"]);
  });

  it.each([
    ["decommission", (r: ModelRegistry, id: string) => r.decommission(id)],
    ["delete", (r: ModelRegistry, id: string) => r.delete(id)],
  ])("%s answers 404 for unknown and 400 for malformed ids", async (_name, operation) => {
    const missing = await failure(operation(registry, "dtmi:test:Missing;1"));
    expect(missing.code).toBe("ModelNotFound");
    expect(missing.message).toBe(
      "There is no Model(s) available that matches the provided id(s) dtmi:test:Missing;1. Check that the Model ID provided is valid by doing a Model_List API call.",
    );
    const malformed = await failure(operation(registry, "not-a-dtmi"));
    expect(malformed.code).toBe("InvalidArgument");
  });
});

describe("ModelRegistry listing", () => {
  beforeEach(async () => {
    await registry.upload([space, thermostat, room, meetingRoom, lamp]);
  });

  it("pages in upload order after a cursor", () => {
    const first = registry.page({ dependenciesFor: [], afterSeq: 0, limit: 2, continuation: false });
    expect(first.items.map((e) => e.id)).toEqual(["dtmi:test:Space;1", "dtmi:test:Thermostat;1"]);
    expect(first.more).toBe(true);
    const rest = registry.page({ dependenciesFor: [], afterSeq: first.items[1]!.seq, limit: 10, continuation: true });
    expect(rest.items.map((e) => e.id)).toEqual(["dtmi:test:Room;1", "dtmi:test:MeetingRoom;1", "dtmi:test:Lamp;1"]);
    expect(rest.more).toBe(false);
  });

  it("limits to the transitive dependency closure", () => {
    const page = registry.page({
      dependenciesFor: ["dtmi:test:MeetingRoom;1"],
      afterSeq: 0,
      limit: 10,
      continuation: false,
    });
    expect(page.items.map((e) => e.id)).toEqual([
      "dtmi:test:Space;1",
      "dtmi:test:Thermostat;1",
      "dtmi:test:Room;1",
      "dtmi:test:MeetingRoom;1",
    ]);
  });

  it("rejects unknown ids on a first page, skips them on a follow-up", () => {
    expect(() =>
      registry.page({
        dependenciesFor: ["dtmi:test:Gone;1", "dtmi:test:Lamp;1"],
        afterSeq: 0,
        limit: 10,
        continuation: false,
      }),
    ).toThrowError(expect.objectContaining({ code: "ModelNotFound" }));
    const page = registry.page({
      dependenciesFor: ["dtmi:test:Gone;1", "dtmi:test:Lamp;1"],
      afterSeq: 0,
      limit: 10,
      continuation: true,
    });
    expect(page.items.map((e) => e.id)).toEqual(["dtmi:test:Lamp;1"]);
  });

  it("rejects malformed ids and too many ids", async () => {
    expect(() => registry.page({ dependenciesFor: ["bad"], afterSeq: 0, limit: 10, continuation: false })).toThrowError(
      expect.objectContaining({ code: "InvalidArgument" }),
    );
    const strict = await load({ maxDependenciesFor: 1 });
    expect(() =>
      strict.page({
        dependenciesFor: ["dtmi:test:Lamp;1", "dtmi:test:Room;1"],
        afterSeq: 0,
        limit: 10,
        continuation: false,
      }),
    ).toThrowError(expect.objectContaining({ code: "LimitExceeded" }));
  });
});

describe("ModelRegistry start-up", () => {
  it("warms from the store: same entries, interfaces and owners as before the restart", async () => {
    await registry.upload([space, thermostat]);
    await registry.upload([room, lamp]);
    await registry.decommission("dtmi:test:Thermostat;1");
    const restarted = await load();
    expect(restarted.list()).toEqual(registry.list());
    expect([...restarted.getInterface("dtmi:test:Room;1")!.contents.keys()].sort()).toEqual([
      "area",
      "isPartOf",
      "name",
      "thermostat",
    ]);
    expect(restarted.getInterface("dtmi:test:Bulb;1")).toBeDefined();
    expect(restarted.isDecommissioned("dtmi:test:Thermostat;1")).toBe(true);
    expect(restarted.isSubtypeOf("dtmi:test:Room;1", "dtmi:test:Space;1")).toBe(true);
    // Uploads after a restart still resolve against the stored models.
    await restarted.upload([meetingRoom, bulbUser]);
    expect((await failure(restarted.delete("dtmi:test:Lamp;1"))).code).toBe("ModelReferencesNotDeleted");
  });

  it("falls back to one-by-one parsing and keeps unparseable models listed without an interface", async () => {
    await registry.upload([space, thermostat, room]);
    const warnings: string[] = [];
    // A stricter parser after an upgrade: Thermostat no longer parses.
    const strict = (documents: unknown[], options: ParseOptions) =>
      documents.some((d) => (d as { "@id"?: string })["@id"] === "dtmi:test:Thermostat;1")
        ? {
            ok: false as const,
            errors: [{ validationId: "dtmi:dtdl:parsingError:x", message: "no more thermostats." }],
          }
        : parseDtdl(documents, options);
    const restarted = await load({ parse: strict, onWarning: (m) => warnings.push(m) });
    expect(restarted.list().map((e) => e.id)).toEqual([
      "dtmi:test:Space;1",
      "dtmi:test:Thermostat;1",
      "dtmi:test:Room;1",
    ]);
    expect(restarted.getInterface("dtmi:test:Space;1")).toBeDefined();
    expect(restarted.getInterface("dtmi:test:Thermostat;1")).toBeUndefined();
    expect(warnings.some((w) => w.includes("dtmi:test:Thermostat;1"))).toBe(true);
  });
});
