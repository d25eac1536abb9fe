import { describe, expect, it } from "vitest";
import { parseDtdl } from "../../src/dtdl/index.js";
import type {
  ArraySchema,
  Command,
  Component,
  EnumSchema,
  MapSchema,
  ObjectSchema,
  Property,
  Relationship,
  Telemetry,
} from "../../src/dtdl/model.js";

function ok(documents: unknown[], options?: Parameters<typeof parseDtdl>[1]) {
  const result = parseDtdl(documents, options);
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.model;
}

function fail(documents: unknown[], options?: Parameters<typeof parseDtdl>[1]) {
  const result = parseDtdl(documents, options);
  if (result.ok) throw new Error("expected failure");
  return result.errors;
}

const room = {
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:ex:Room;1",
  "@type": "Interface",
  displayName: "Room",
  extends: "dtmi:ex:Space;1",
  contents: [
    { "@type": "Property", name: "temp", schema: "double", writable: true },
    { "@type": "Telemetry", name: "humidity", schema: { "@type": "Array", elementSchema: "integer" } },
    { "@type": "Relationship", name: "contains", target: "dtmi:ex:Device;1", maxMultiplicity: 10 },
    {
      "@type": "Command",
      name: "reboot",
      request: { name: "delay", schema: "duration" },
      response: { name: "status", schema: "dtmi:ex:Room:Status;1" },
    },
    { "@type": "Component", name: "thermostat", schema: "dtmi:ex:Thermostat;1" },
  ],
  schemas: [
    {
      "@id": "dtmi:ex:Room:Status;1",
      "@type": "Enum",
      valueSchema: "string",
      enumValues: [
        { name: "ok", enumValue: "ok" },
        { name: "failed", enumValue: "failed" },
      ],
    },
  ],
};
const space = {
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:ex:Space;1",
  "@type": "Interface",
  extends: ["dtmi:ex:Thing;1"],
  contents: [
    {
      "@type": "Property",
      name: "location",
      schema: {
        "@type": "Object",
        fields: [
          { name: "lat", schema: "double" },
          {
            name: "tags",
            schema: {
              "@type": "Map",
              mapKey: { name: "k", schema: "string" },
              mapValue: { name: "v", schema: "string" },
            },
          },
        ],
      },
    },
  ],
};
const thing = {
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:ex:Thing;1",
  "@type": "Interface",
  contents: [{ "@type": "Property", name: "label", schema: "string" }],
};
const thermostat = {
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:ex:Thermostat;1",
  "@type": "Interface",
  contents: [{ "@type": "Property", name: "setpoint", schema: "double" }],
};

describe("parseDtdl object model", () => {
  const model = ok([room, space, thing, thermostat]);
  const roomI = model.interfaces.get("dtmi:ex:Room;1")!;

  it("lists the top-level interfaces in input order and keeps their source", () => {
    expect(model.topLevel).toEqual(["dtmi:ex:Room;1", "dtmi:ex:Space;1", "dtmi:ex:Thing;1", "dtmi:ex:Thermostat;1"]);
    expect(roomI.source).toBe(room);
    expect(roomI.dtdlVersion).toBe(3);
    expect(roomI.displayName).toEqual({ en: "Room" });
  });

  it("flattens inherited contents and lists ancestors transitively", () => {
    expect(roomI.extends).toEqual(["dtmi:ex:Space;1"]);
    expect(roomI.ancestors).toEqual(["dtmi:ex:Space;1", "dtmi:ex:Thing;1"]);
    expect([...roomI.contents.keys()].sort()).toEqual(
      ["contains", "humidity", "label", "location", "reboot", "temp", "thermostat"].sort(),
    );
    expect(roomI.contents.get("label")!.id).toBe("dtmi:ex:Thing:_contents:__label;1");
    expect(model.interfaces.get("dtmi:ex:Thing;1")!.ancestors).toEqual([]);
  });

  it("assigns the spec's generated identifiers", () => {
    const temp = roomI.contents.get("temp") as Property;
    expect(temp.id).toBe("dtmi:ex:Room:_contents:__temp;1");
    expect(temp.kind).toBe("Property");
    expect(temp.writable).toBe(true);
    const humidity = roomI.contents.get("humidity") as Telemetry;
    expect(humidity.schema.id).toBe("dtmi:ex:Room:_contents:__humidity:_schema;1");
    const reboot = roomI.contents.get("reboot") as Command;
    expect(reboot.request!.id).toBe("dtmi:ex:Room:_contents:__reboot:_request;1");
    expect(reboot.request!.kind).toBe("CommandRequest");
    expect(model.elements.get("dtmi:ex:Room:_contents:__temp;1")).toBe(temp);
  });

  it("resolves schemas to objects", () => {
    const temp = roomI.contents.get("temp") as Property;
    expect(temp.schema).toMatchObject({ kind: "primitive", name: "double" });
    const humidity = roomI.contents.get("humidity") as Telemetry;
    const array = humidity.schema as ArraySchema;
    expect(array.kind).toBe("Array");
    expect(array.elementSchema).toMatchObject({ kind: "primitive", name: "integer" });
    const status = (roomI.contents.get("reboot") as Command).response!.schema as EnumSchema;
    expect(status.kind).toBe("Enum");
    expect(status.id).toBe("dtmi:ex:Room:Status;1");
    expect(status.valueSchema).toBe("string");
    expect(status.enumValues.map((v) => [v.name, v.enumValue])).toEqual([
      ["ok", "ok"],
      ["failed", "failed"],
    ]);
    expect(roomI.schemas.map((s) => s.id)).toEqual(["dtmi:ex:Room:Status;1"]);
    const location = (roomI.contents.get("location") as Property).schema as ObjectSchema;
    expect(location.fields.map((f) => f.name)).toEqual(["lat", "tags"]);
    const tags = location.fields[1]!.schema as MapSchema;
    expect(tags.mapKey.name).toBe("k");
    expect(tags.mapValue.schema).toMatchObject({ kind: "primitive", name: "string" });
  });

  it("keeps relationship and component details", () => {
    const contains = roomI.contents.get("contains") as Relationship;
    expect(contains).toMatchObject({
      target: "dtmi:ex:Device;1",
      maxMultiplicity: 10,
      writable: false,
      properties: [],
    });
    const comp = roomI.contents.get("thermostat") as Component;
    expect(comp.schema).toBe("dtmi:ex:Thermostat;1");
    expect(model.interfaces.get(comp.schema)!.contents.has("setpoint")).toBe(true);
  });
});

describe("parseDtdl errors", () => {
  it("reports errors with validation id, ids, property, value, message and document index", () => {
    const errors = fail([
      thing,
      {
        "@context": "dtmi:dtdl:context;2",
        "@id": "dtmi:ex:Bad;1",
        "@type": "Interface",
        contents: [{ "@type": "Property", name: "1bad", schema: "double" }],
      },
    ]);
    expect(errors).toHaveLength(1);
    const [e] = errors;
    expect(e).toMatchObject({
      validationId: "dtmi:dtdl:parsingError:stringInvalid",
      primaryId: "dtmi:ex:Bad:_contents:__1bad;1",
      property: "name",
      value: "1bad",
      documentIndex: 1,
    });
    expect(e!.message).toContain("'name'");
  });

  it("rejects duplicate names across inherited contents", () => {
    const errors = fail([
      thing,
      {
        "@context": "dtmi:dtdl:context;3",
        "@id": "dtmi:ex:Sub;1",
        "@type": "Interface",
        extends: "dtmi:ex:Thing;1",
        contents: [{ "@type": "Property", name: "label", schema: "string" }],
      },
    ]);
    expect(errors.map((e) => [e.validationId, e.primaryId])).toEqual([
      ["dtmi:dtdl:parsingError:nonUniqueImportedPropertyValue", "dtmi:ex:Sub;1"],
    ]);
  });

  it("reports unresolved references when no resolver is given", () => {
    const errors = fail([room]);
    expect(new Set(errors.map((e) => e.validationId))).toEqual(
      new Set(["dtmi:dtdl:resolutionError:undefinedIdentifier"]),
    );
    expect(new Set(errors.map((e) => e.secondaryId))).toEqual(new Set(["dtmi:ex:Space;1", "dtmi:ex:Thermostat;1"]));
    expect(errors.every((e) => e.documentIndex === 0)).toBe(true);
  });

  it("asks the resolver for missing DTMIs until the model is closed", () => {
    const store = new Map<string, unknown>([
      ["dtmi:ex:Space;1", space],
      ["dtmi:ex:Thing;1", thing],
      ["dtmi:ex:Thermostat;1", thermostat],
    ]);
    const calls: string[][] = [];
    const model = ok([room], {
      resolve: (dtmis) => {
        calls.push([...dtmis].sort());
        return dtmis.map((d) => store.get(d)).filter((d) => d !== undefined);
      },
    });
    expect(calls).toEqual([["dtmi:ex:Space;1", "dtmi:ex:Thermostat;1"], ["dtmi:ex:Thing;1"]]);
    expect(model.topLevel).toEqual(["dtmi:ex:Room;1"]);
    expect(model.interfaces.get("dtmi:ex:Room;1")!.contents.has("label")).toBe(true);
    expect(model.interfaces.has("dtmi:ex:Thing;1")).toBe(true);
  });

  it("turns a throwing resolver into an error", () => {
    const errors = fail([room], {
      resolve: () => {
        throw new Error("store down");
      },
    });
    expect(errors[0]!.validationId).toBe("dtmi:dtdl:resolutionError:resolverFailed");
  });

  it("applies the undefined-extension policy per version", () => {
    const v3 = { ...thing, "@context": ["dtmi:dtdl:context;3", "dtmi:com:example:ext;1"] };
    expect(fail([v3])[0]!.validationId).toBe("dtmi:dtdl:parsingError:unresolvableContextSpecifier");
    expect(parseDtdl([v3], { allowUndefinedExtensions: true }).ok).toBe(true);
    const v2 = { ...thing, "@context": ["dtmi:dtdl:context;2", "dtmi:com:example:ext;1"] };
    expect(parseDtdl([v2]).ok).toBe(true);
    expect(parseDtdl([v2], { allowUndefinedExtensions: false }).ok).toBe(false);
  });
});
