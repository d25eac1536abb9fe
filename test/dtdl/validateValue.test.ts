import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Field, ObjectSchema, PrimitiveSchemaName, Schema } from "../../src/dtdl/model.js";
import {
  JsonNumber,
  JsonSyntaxError,
  parseJsonLossless,
  schemaAtPath,
  validateValue,
} from "../../src/dtdl/validateValue.js";
import { arrayOf, enumOf, geospatial, mapOf, objectOf, primitive, scaledDecimal } from "./schemaBuilders.js";

/** Validates JSON text both ways: exactly (lossless numbers) and after JSON.parse. */
function verdicts(schema: Schema, json: string): { exact: boolean; plain: boolean } {
  return {
    exact: validateValue(schema, parseJsonLossless(json)).length === 0,
    plain: validateValue(schema, JSON.parse(json)).length === 0,
  };
}

function expectVerdict(schema: Schema, accepted: readonly string[], rejected: readonly string[]): void {
  for (const json of accepted) expect([json, verdicts(schema, json)]).toEqual([json, { exact: true, plain: true }]);
  for (const json of rejected) expect([json, verdicts(schema, json)]).toEqual([json, { exact: false, plain: false }]);
}

const notScalars = ["null", "[1]", '{"value":1}'];

describe("validateValue: primitives", () => {
  const cases: Record<PrimitiveSchemaName, [accepted: string[], rejected: string[]]> = {
    boolean: [
      ["true", "false"],
      ['"true"', "1", "0", ...notScalars],
    ],
    string: [
      ['"hello"', '""', '"\\u0000"'],
      ["1", "true", ...notScalars],
    ],
    date: [
      ['"1980-01-01"', '"0001-01-01"', '"9999-12-31"', '"2000-02-29"', '"1964-02-29"', '"1582-10-05"'],
      ['"0000-01-01"', '"1900-02-29"', '"1965-04-31"', '"1965-13-01"', '"1965-00-10"', '"19650101"', '"65-01-01"'],
    ],
    dateTime: [
      [
        '"0001-01-01T00:00:00Z"',
        '"1980-01-01T06:00:00.00015Z"',
        '"1965-12-31T06:00:00-01:15"',
        '"2024-02-29T23:59:59+00:00"',
      ],
      [
        '"1980-01-01T24:00:00Z"',
        '"1980-01-01T00:00:60Z"',
        '"1980-01-01T06:00Z"',
        '"1980-01-01T06:00:00"',
        '"1980-01-01t06:00:00z"',
        '"1980-01-01 06:00:00Z"',
        '"1965-12-31T06:00:00+11"',
        '"1965-12-31T06:00:00+24:00"',
        '"2023-02-29T00:00:00Z"',
        '"1980-01-01T06:00:00.Z"',
      ],
    ],
    time: [
      ['"00:00:00Z"', '"23:59:59Z"', '"06:00:00.0000+11:00"', '"06:00:00-01:15"'],
      ['"24:00:00Z"', '"00:60:00Z"', '"00:00:60Z"', '"06:00Z"', '"12:00:00"', '"T06:00:00Z"', '"06:00:00-1:15"'],
    ],
    duration: [
      ['"P3Y6M4DT8H9M5S"', '"PT0.001S"', '"P2W4DT8H"', '"P3.4W"', '"P0D"', '"PT36H"', '"P3.00134Y"'],
      ['"P"', '"PT"', '"P3Y6M4DT"', '"P1Y3W"', '"P3.4W5D"', '"PT.001S"', '"P6M3Y"', '"P8H"', '"-P1D"', '"P1,5D"', "15"],
    ],
    double: [
      ["3", "-0", "0.44", "1.79769313486231E+308", "-2.5e-300"],
      ["1.8e308", '"3.14"', ...notScalars],
    ],
    float: [
      ["3.402823E+38", "-3.402823E+38", "1e-50", "0"],
      ["3.402824E+38", "-3.402824E+38", "1e39", '"1"'],
    ],
    byte: [
      ["127", "-128", "0", "-0"],
      ["128", "-129", "0.5", '"3"', "true"],
    ],
    short: [
      ["32767", "-32768"],
      ["32768", "-32769", "1.5"],
    ],
    integer: [
      ["2147483647", "-2147483648", "-0"],
      ["2147483648", "-2147483649", "3.14", '"3"'],
    ],
    long: [
      ["-9223372036854775808", "9007199254740993"],
      ["1e19", "-1e19", "0.5"],
    ],
    unsignedByte: [
      ["255", "0"],
      ["256", "-1", "-0", "2.5"],
    ],
    unsignedShort: [["65535"], ["65536", "-1", "-0"]],
    unsignedInteger: [["4294967295"], ["4294967296", "-1", "-0"]],
    unsignedLong: [
      ["18446744073709551614", "0"],
      ["-1", "-0", "1e20"],
    ],
    uuid: [
      ['"F1C43C38-AEAE-4B7B-9FDC-E36F8B015B99"', '"00a185be-a3a4-465a-9dac-cfa24bc7b923"'],
      [
        '"{c2475401-c02f-4ff6-a865-37585110001f}"',
        '"49391e78a02c4e8cacf021afa041bc82"',
        '""',
        '"g0a185be-a3a4-465a-9dac-cfa24bc7b923"',
      ],
    ],
    bytes: [
      ['""', '"2+1="', '"2/1="', '"RXZlbiBJIGFtIGEgVVRGLTggc3RyaW5nLg=="'],
      ['"2-1="', '"abc"', '"ab=="x', '"YQ"', '"Y==="'],
    ],
    decimal: [
      ['"0"', '"+1.5"', '"-0"', '"1."', '"123456789012345678901234567890.5"'],
      ['""', '"00"', '".5"', '"1e3"', "1", '"0x1"'],
    ],
  };

  for (const [name, [accepted, rejected]] of Object.entries(cases)) {
    it(`${name} accepts and refuses exactly`, () => {
      expectVerdict(
        primitive(name as PrimitiveSchemaName),
        accepted,
        rejected.filter((json) => {
          try {
            JSON.parse(json);
            return true;
          } catch {
            return false;
          }
        }),
      );
    });
  }

  it("tells integral JSON text from fractional only when the text is kept", () => {
    const integer = primitive("integer");
    expect(verdicts(integer, "0.0")).toEqual({ exact: false, plain: true });
    expect(verdicts(integer, "1E2")).toEqual({ exact: false, plain: true });
    expect(verdicts(integer, "-0.0")).toEqual({ exact: false, plain: true });
    const long = primitive("long");
    expect(verdicts(long, "9223372036854775807")).toEqual({ exact: true, plain: true });
    // 2^63 is the double nearest the largest long, so the lossy path has to give it the benefit of the doubt.
    expect(verdicts(long, "9223372036854775808")).toEqual({ exact: false, plain: true });
    expect(verdicts(primitive("unsignedLong"), "18446744073709551616")).toEqual({ exact: false, plain: true });
    expect(verdicts(primitive("unsignedLong"), "18446744073709551615")).toEqual({ exact: true, plain: true });
  });

  it("reports path and message", () => {
    expect(validateValue(primitive("dateTime"), "1980-01-01T24:00:00Z", "/when")).toEqual([
      {
        path: "/when",
        message:
          'Expected a dateTime (RFC 3339 date-time, e.g. 2024-01-31T12:00:00Z) but found "1980-01-01T24:00:00Z".',
      },
    ]);
    expect(validateValue(primitive("integer"), new JsonNumber("3.0"), "/n")).toEqual([
      { path: "/n", message: "Expected an integer (32-bit signed) but found 3.0." },
    ]);
    expect(validateValue(primitive("boolean"), null)).toEqual([
      { path: "", message: "Expected a boolean but found null." },
    ]);
    expect(validateValue(primitive("string"), undefined, "/s")).toEqual([
      { path: "/s", message: "Expected a string but found nothing." },
    ]);
    expect(validateValue(primitive("integer"), "x".repeat(100), "/s")).toEqual([
      { path: "/s", message: `Expected an integer (32-bit signed) but found "${"x".repeat(59)}….` },
    ]);
  });
});

describe("validateValue: complex schemas", () => {
  const coordinates = objectOf({ latitude: primitive("double"), longitude: primitive("double") });

  it("Object: fields optional, unknown fields and nulls refused, every error reported", () => {
    expect(validateValue(coordinates, { latitude: 1, longitude: 2 })).toEqual([]);
    expect(validateValue(coordinates, {})).toEqual([]);
    expect(validateValue(coordinates, { latitude: null, altitude: 3, longitude: "2" }, "/pos")).toEqual([
      { path: "/pos/latitude", message: "Expected a double (finite number) but found null." },
      { path: "/pos/altitude", message: '"altitude" is not a field of the object schema.' },
      { path: "/pos/longitude", message: 'Expected a double (finite number) but found "2".' },
    ]);
    expect(validateValue(coordinates, [1, 2], "/pos")).toEqual([
      { path: "/pos", message: "Expected an object but found an array." },
    ]);
    expect(validateValue(coordinates, new JsonNumber("1"), "/pos")).toEqual([
      { path: "/pos", message: "Expected an object but found 1." },
    ]);
  });

  it("Object: an own __proto__ member is an unknown field, never a prototype", () => {
    const value = JSON.parse('{"__proto__": {"latitude": "x"}, "constructor": 1}');
    expect(validateValue(coordinates, value)).toEqual([
      { path: "/__proto__", message: '"__proto__" is not a field of the object schema.' },
      { path: "/constructor", message: '"constructor" is not a field of the object schema.' },
    ]);
  });

  it("Map: values checked, keys escaped in paths, key policy enforced", () => {
    const tags = mapOf(primitive("boolean"));
    expect(validateValue(tags, { red: true, "a/b~c": false })).toEqual([]);
    expect(validateValue(tags, { "a/b~c": 1, "": true, $metadata: true, __proto__x: true }, "/tags")).toEqual([
      { path: "/tags/a~1b~0c", message: "Expected a boolean but found 1." },
      { path: "/tags/", message: "Map key \"\" is not allowed: keys must be non-empty and must not start with '$'." },
      {
        path: "/tags/$metadata",
        message: "Map key \"$metadata\" is not allowed: keys must be non-empty and must not start with '$'.",
      },
    ]);
    expect(validateValue(tags, JSON.parse('{"__proto__": "x"}'), "/tags")).toEqual([
      { path: "/tags/__proto__", message: 'Expected a boolean but found "x".' },
    ]);
    expect(validateValue(tags, null, "/tags")).toEqual([
      { path: "/tags", message: "Expected an object (map) but found null." },
    ]);
  });

  it("Array: each element checked with its index in the path", () => {
    const list = arrayOf(primitive("integer"));
    expect(validateValue(list, [])).toEqual([]);
    expect(validateValue(list, [1, "2", 3.5], "/xs")).toEqual([
      { path: "/xs/1", message: 'Expected an integer (32-bit signed) but found "2".' },
      { path: "/xs/2", message: "Expected an integer (32-bit signed) but found 3.5." },
    ]);
    expect(validateValue(list, { 0: 1 }, "/xs")).toEqual([
      { path: "/xs", message: "Expected an array but found an object." },
    ]);
  });

  it("Enum: string and integer values", () => {
    const colours = enumOf("string", ["red", "green"]);
    expect(validateValue(colours, "red")).toEqual([]);
    expect(validateValue(colours, "blue", "/c")).toEqual([
      { path: "/c", message: 'Expected one of "red", "green" but found "blue".' },
    ]);
    const levels = enumOf("integer", [1, 2]);
    expectVerdict(levels, ["1", "2"], ["0", "3", "-1", '"1"', "null", "[1]"]);
    expect(verdicts(levels, "1.0")).toEqual({ exact: false, plain: true });
    expect(validateValue(enumOf("string", []), "x")).toEqual([
      { path: "", message: 'Expected no value (the enum is empty) but found "x".' },
    ]);
  });

  it("nested schemas report the deepest path", () => {
    const deep = arrayOf(objectOf({ m: mapOf(objectOf({ xs: arrayOf(primitive("double")) })) }));
    expect(validateValue(deep, [{ m: { k: { xs: [1, 2] } } }])).toEqual([]);
    expect(validateValue(deep, [{}, { m: { k: { xs: [1, true] } } }], "/p")).toEqual([
      { path: "/p/1/m/k/xs/1", message: "Expected a double (finite number) but found true." },
    ]);
  });

  it("stops at 100 errors", () => {
    const errors = validateValue(
      arrayOf(primitive("boolean")),
      Array.from({ length: 1000 }, () => 0),
    );
    expect(errors.length).toBe(100);
    expect(errors[99]).toEqual({ path: "/99", message: "Expected a boolean but found 0." });
  });

  it("refuses values nested deeper than 256 levels through a self-referential (v4) schema", () => {
    const fields: Field[] = [];
    const node: ObjectSchema = { id: "dtmi:test:node;1", dtdlVersion: 4, types: [], kind: "Object", fields };
    fields.push({ id: "dtmi:test:node:next;1", dtdlVersion: 4, types: [], kind: "Field", name: "next", schema: node });
    let value: unknown = {};
    for (let i = 0; i < 300; i++) value = { next: value };
    const errors = validateValue(node, value);
    expect(errors).toEqual([{ path: "/next".repeat(257), message: "Value is nested more than 256 levels deep." }]);
    let shallow: unknown = {};
    for (let i = 0; i < 200; i++) shallow = { next: shallow };
    expect(validateValue(node, shallow)).toEqual([]);
  });
});

describe("validateValue: geospatial and scaledDecimal", () => {
  it("point and polygon follow the metamodel's Object definitions", () => {
    const point = geospatial("point");
    expect(validateValue(point, { type: "Point", coordinates: [47.6, -122.1] })).toEqual([]);
    expect(validateValue(point, { type: "Point" })).toEqual([]);
    expect(validateValue(point, { type: "LineString", coordinates: [[1, 2]], bbox: [] }, "/loc")).toEqual([
      { path: "/loc/type", message: 'Expected one of "Point" but found "LineString".' },
      { path: "/loc/coordinates/0", message: "Expected a double (finite number) but found an array." },
      { path: "/loc/bbox", message: '"bbox" is not a field of the object schema.' },
    ]);
    expect(validateValue(point, "POINT(1 2)", "/loc")).toEqual([
      { path: "/loc", message: 'Expected a GeoJSON point but found "POINT(1 2)".' },
    ]);
    const polygon = geospatial("polygon");
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(validateValue(polygon, { type: "Polygon", coordinates: [ring] })).toEqual([]);
    expect(validateValue(polygon, { type: "Polygon", coordinates: ring }, "/a")[0]).toEqual({
      path: "/a/coordinates/0/0",
      message: "Expected an array but found 0.",
    });
  });

  it("each geometry has its own type name and nesting depth", () => {
    const samples = {
      point: ["Point", [1, 2]],
      multiPoint: ["MultiPoint", [[1, 2]]],
      lineString: ["LineString", [[1, 2]]],
      multiLineString: ["MultiLineString", [[[1, 2]]]],
      polygon: ["Polygon", [[[1, 2]]]],
      multiPolygon: ["MultiPolygon", [[[[1, 2]]]]],
    } as const;
    for (const [name, [type, coordinates]] of Object.entries(samples)) {
      const schema = geospatial(name as keyof typeof samples);
      for (const [otherName, [otherType, otherCoordinates]] of Object.entries(samples)) {
        const ok = validateValue(schema, { type: otherType, coordinates: otherCoordinates }).length === 0;
        expect([name, otherName, ok]).toEqual([name, otherName, otherName === name]);
      }
      expect(validateValue(schema, { type, coordinates })).toEqual([]);
    }
  });

  it("scaledDecimal is {value: decimal, scale: short}", () => {
    const schema = scaledDecimal();
    expectVerdict(
      schema,
      ['{ "value": "3.14", "scale": -2 }', '{ "value": "3.14" }', "{}", '{ "scale": 32767 }'],
      ['{ "value": 3.14 }', '{ "scale": "0" }', '{ "value": "1", "precision": 1 }', '{ "scale": 32768 }', '"3.14"'],
    );
  });
});

describe("parseJsonLossless", () => {
  it("agrees with JSON.parse on arbitrary JSON, keeping number text", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const lossless = parseJsonLossless(text);
        expect(JSON.parse(JSON.stringify(lossless))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps number text and __proto__ members", () => {
    const value = parseJsonLossless(' {"a": [0.0, -0, 1E+2, 9223372036854775807], "__proto__": {"b": "\\u00e9\\n"}} ');
    expect(value).toEqual({
      a: [new JsonNumber("0.0"), new JsonNumber("-0"), new JsonNumber("1E+2"), new JsonNumber("9223372036854775807")],
      ["__proto__"]: { b: "é\n" },
    });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(["a", "__proto__"]);
  });

  it("refuses what JSON.parse refuses, with a position", () => {
    const bad = [
      "",
      "$$",
      '[ "hi": "there" ]',
      '{ "hello" }',
      "{ 23 ]",
      "01",
      "1.",
      ".5",
      "+1",
      "[1,]",
      '{"a":1,}',
      "tru",
      '"\\x"',
      '"a',
      "[1] 2",
      "\u00a01",
      '"\t"',
      "NaN",
    ];
    for (const text of bad) {
      expect(() => JSON.parse(text)).toThrow();
      expect(() => parseJsonLossless(text)).toThrow(JsonSyntaxError);
    }
    expect(() => parseJsonLossless("[1, }")).toThrow("Unexpected character '}' at position 4");
  });

  it("refuses nesting deeper than 1000 instead of overflowing the stack", () => {
    expect(() => parseJsonLossless("[".repeat(100_000))).toThrow("JSON nested too deeply at position 1000");
    expect(parseJsonLossless(`${"[".repeat(1000)}${"]".repeat(1000)}`)).toBeInstanceOf(Array);
  });
});

describe("schemaAtPath", () => {
  const position = objectOf({ latitude: primitive("double"), tags: mapOf(arrayOf(primitive("string"))) });

  it("follows Object fields, Map keys and Array indexes", () => {
    const tags = position.fields[1]!.schema;
    expect(schemaAtPath(position, [])).toEqual({ ok: true, schema: position });
    expect(schemaAtPath(position, ["latitude"])).toEqual({ ok: true, schema: position.fields[0]!.schema });
    expect(schemaAtPath(position, ["tags", "red"])).toEqual({
      ok: true,
      schema: tags.kind === "Map" ? tags.mapValue.schema : undefined,
    });
    const element = schemaAtPath(position, ["tags", "red", "3"]);
    expect(element.ok && element.schema.kind === "primitive" && element.schema.name).toBe("string");
    expect(schemaAtPath(position, ["tags", "red", "-"]).ok).toBe(true);
  });

  it("says where and why a path does not fit", () => {
    expect(schemaAtPath(position, ["altitude"])).toEqual({
      ok: false,
      depth: 0,
      message: '"altitude" is not a field of the object schema.',
    });
    expect(schemaAtPath(position, ["tags", "$x"])).toEqual({
      ok: false,
      depth: 1,
      message: "Map key \"$x\" is not allowed: keys must be non-empty and must not start with '$'.",
    });
    expect(schemaAtPath(position, ["tags", "red", "01"])).toEqual({
      ok: false,
      depth: 2,
      message: '"01" is not an array index.',
    });
    expect(schemaAtPath(position, ["latitude", "x"])).toEqual({
      ok: false,
      depth: 1,
      message: 'A double value has no members ("x").',
    });
    expect(schemaAtPath(enumOf("string", ["a"]), ["x"])).toEqual({
      ok: false,
      depth: 0,
      message: 'An Enum value has no members ("x").',
    });
  });

  it("reaches into geospatial and scaledDecimal members", () => {
    const point = schemaAtPath(geospatial("point"), ["coordinates", "0"]);
    expect(point.ok && point.schema.kind === "primitive" && point.schema.name).toBe("double");
    const scale = schemaAtPath(scaledDecimal(), ["scale"]);
    expect(scale.ok && scale.schema.kind === "primitive" && scale.schema.name).toBe("short");
  });
});
