import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDtdl } from "../../src/dtdl/index.js";
import type { ParseResult } from "../../src/dtdl/model.js";

/** Every result is either a model or a non-empty list of well-formed errors. */
function assertWellFormed(result: ParseResult): void {
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) {
    expect(typeof e.validationId).toBe("string");
    expect(e.validationId.startsWith("dtmi:dtdl:")).toBe(true);
    expect(typeof e.message).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
  }
}

function validationIds(result: ParseResult): string[] {
  return result.ok ? [] : result.errors.map((e) => e.validationId);
}

const base = {
  "@context": "dtmi:dtdl:context;3",
  "@id": "dtmi:ex:Base;1",
  "@type": "Interface",
  contents: [
    { "@type": "Property", name: "p", schema: { "@type": "Object", fields: [{ name: "f", schema: "string" }] } },
    { "@type": "Telemetry", name: "t", schema: { "@type": "Array", elementSchema: "double" } },
    {
      "@type": "Relationship",
      name: "r",
      target: "dtmi:ex:Other;1",
      properties: [{ "@type": "Property", name: "w", schema: "integer" }],
    },
  ],
};

describe("parseDtdl on hostile input", () => {
  it("rejects very deep nesting without overflowing the stack", () => {
    let deep: Record<string, unknown> = { "@type": "Array", elementSchema: "double" };
    for (let i = 0; i < 200_000; i++) deep = { "@type": "Array", elementSchema: deep };
    const doc = { ...base, contents: [{ "@type": "Telemetry", name: "t", schema: deep }] };
    const result = parseDtdl([doc]);
    expect(validationIds(result)).toEqual(["dtmi:dtdl:parsingError:excessiveJsonNesting"]);
  });

  it("reports schemas nested past the language limit as too deep", () => {
    let deep: unknown = "double";
    for (let i = 0; i < 40; i++) deep = { "@type": "Array", elementSchema: deep };
    const result = parseDtdl([{ ...base, contents: [{ "@type": "Telemetry", name: "t", schema: deep }] }]);
    expect(new Set(validationIds(result))).toEqual(new Set(["dtmi:dtdl:parsingError:excessiveDepthWide"]));
    // Every Array more than five levels above a primitive is reported, each once.
    expect(validationIds(result)).toHaveLength(35);
  });

  it("rejects cyclic JavaScript objects and non-JSON values", () => {
    const cyclic: Record<string, unknown> = { ...base };
    cyclic.self = cyclic;
    expect(validationIds(parseDtdl([cyclic]))).toEqual(["dtmi:dtdl:parsingError:excessiveJsonNesting"]);
    for (const bad of [
      { ...base, displayName: undefined },
      { ...base, x: () => 1 },
      { ...base, n: Number.NaN },
      { ...base, d: new Date() },
    ]) {
      expect(validationIds(parseDtdl([bad]))).toEqual(["dtmi:dtdl:parsingError:notJsonValue"]);
    }
  });

  it("treats prototype-like keys as ordinary (undefined) properties", () => {
    const doc = JSON.parse(
      '{"@context":"dtmi:dtdl:context;3","@id":"dtmi:ex:P;1","@type":"Interface","__proto__":{"polluted":true},"constructor":1,' +
        '"displayName":{"__proto__":"x"},"contents":[{"@type":"Property","name":"toString","schema":"string"}]}',
    );
    const result = parseDtdl([doc]);
    expect(new Set(validationIds(result))).toEqual(
      new Set(["dtmi:dtdl:parsingError:propertyUndefinedTerm", "dtmi:dtdl:parsingError:langStringInvalidCode"]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("handles huge arrays in linear time", () => {
    const contents = Array.from({ length: 10_000 }, (_, i) => ({
      "@type": "Property",
      name: `p${i}`,
      schema: "integer",
    }));
    const started = performance.now();
    const result = parseDtdl([{ ...base, contents }]);
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    if (result.ok) expect(result.model.interfaces.get("dtmi:ex:Base;1")!.contents.size).toBe(10_000);
  });

  it("limits the JSON text of one interface to 1 MiB (v3)", () => {
    const description = "d".repeat(512);
    const contents = Array.from({ length: 2_000 }, (_, i) => ({
      "@type": "Property",
      name: `p${i}`,
      schema: "integer",
      description,
    }));
    const result = parseDtdl([{ ...base, contents }]);
    expect(validationIds(result)).toEqual(["dtmi:dtdl:parsingError:partitionTooLarge"]);
    expect(parseDtdl([{ ...base, contents: contents.slice(0, 1_500) }]).ok).toBe(true);
  });

  it("survives garbage arguments", () => {
    expect(validationIds(parseDtdl(42 as unknown as unknown[]))).toEqual(["dtmi:dtdl:parsingError:notJsonValue"]);
    expect(parseDtdl([[]]).ok).toBe(true);
    for (const doc of [null, 1, "x", [1], [[{}]], {}, { "@context": 5 }, { "@context": [] }]) {
      assertWellFormed(parseDtdl([doc]));
      expect(parseDtdl([doc]).ok).toBe(false);
    }
  });

  it("never throws on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 6 }), { maxLength: 3 }), (docs) => {
        assertWellFormed(parseDtdl(docs));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on mutations of a valid model", () => {
    const terms = [
      "Interface",
      "Property",
      "Telemetry",
      "Array",
      "Object",
      "Map",
      "Enum",
      "Command",
      "Component",
      "double",
      "string",
      "name",
      "schema",
      "contents",
      "@id",
      "@type",
      "@context",
      "dtmi:ex:Base;1",
      "dtmi:dtdl:context;2",
      "dtmi:dtdl:context;3",
      "dtmi:dtdl:context;4",
      "extends",
      "schemas",
      "fields",
    ];
    const leaf = fc.oneof(
      fc.constantFrom(...terms),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 8 }),
    );
    const mutation = fc.record({
      path: fc.array(fc.nat(6), { minLength: 1, maxLength: 6 }),
      value: fc.oneof(leaf, fc.jsonValue({ maxDepth: 3 })),
      key: fc.constantFrom(...terms),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = structuredClone(base) as unknown;
        for (const m of mutations) mutate(doc, m.path, m.key, m.value);
        assertWellFormed(parseDtdl([doc]));
      }),
      { numRuns: 500 },
    );
  });
});

/** Follows a path of child indexes and replaces (or adds) one member there. */
function mutate(root: unknown, path: readonly number[], key: string, value: unknown): void {
  let node = root;
  for (const step of path) {
    if (Array.isArray(node)) {
      if (node.length === 0) break;
      const next = node[step % node.length];
      if (typeof next !== "object" || next === null) {
        node[step % node.length] = value;
        return;
      }
      node = next;
    } else if (typeof node === "object" && node !== null) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const k = keys[step % keys.length]!;
      const next = (node as Record<string, unknown>)[k];
      if (typeof next !== "object" || next === null) {
        (node as Record<string, unknown>)[k] = value;
        return;
      }
      node = next;
    }
  }
  if (typeof node === "object" && node !== null && !Array.isArray(node)) (node as Record<string, unknown>)[key] = value;
}
