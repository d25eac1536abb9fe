/** Hostile input never makes parseDtdl throw: it answers ok or a non-empty list of errors. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../src/dtdl/model.js";
import { parseDtdl } from "../../src/dtdl/parseDtdl.js";
import { modelSetArb } from "./modelArbitraries.js";

function expectAnswer(documents: unknown[]): ParseResult {
  let result: ParseResult | undefined;
  expect(() => {
    result = parseDtdl(documents);
  }).not.toThrow();
  if (result === undefined) throw new Error("parseDtdl returned nothing");
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(typeof error.validationId).toBe("string");
      expect(typeof error.message).toBe("string");
    }
  }
  return result;
}

function iface(id: string, members: Record<string, unknown> = {}): Record<string, unknown> {
  return { "@context": "dtmi:dtdl:context;3", "@id": id, "@type": "Interface", ...members };
}

/** Replaces the value at the n-th position of a JSON tree (pre-order, modulo its size). */
function mutate(root: unknown, n: number, replacement: unknown): unknown {
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        slots.push([node, i]);
        visit(node[i]);
      }
    } else if (typeof node === "object" && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        visit(child);
      }
    }
  };
  const copy = structuredClone(root);
  visit(copy);
  const slot = slots[n % Math.max(slots.length, 1)];
  if (slot) (slot[0] as Record<string | number, unknown>)[slot[1]] = replacement;
  return copy;
}

describe("fuzz: parseDtdl never throws", () => {
  it("on arbitrary values as documents", () => {
    fc.assert(
      fc.property(
        fc.array(fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true })),
        (documents) => {
          expectAnswer(documents);
        },
      ),
      { numRuns: 300, seed: 1 },
    );
  });

  it("on generated model sets with random subtrees replaced", () => {
    fc.assert(
      fc.property(
        modelSetArb,
        fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })), { maxLength: 4 }),
        (set, edits) => {
          let documents: unknown = set;
          for (const [n, value] of edits) documents = mutate(documents, n, value);
          expectAnswer(documents as unknown[]);
        },
      ),
      { numRuns: 300, seed: 2 },
    );
  });

  it("on non-object documents", () => {
    for (const document of [
      null,
      undefined,
      0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "",
      "dtmi:a:b;1",
      true,
      [null],
      {},
    ]) {
      expect(expectAnswer([document]).ok).toBe(false);
    }
    // An empty array document holds no interfaces, which the official parser accepts too.
    expect(expectAnswer([[]]).ok).toBe(true);
    expect(expectAnswer([]).ok).toBe(true);
    expectAnswer([[[]]]);
  });

  it("on deep nesting", () => {
    let schema: unknown = "double";
    for (let i = 0; i < 20_000; i++) schema = { "@type": "Array", elementSchema: schema };
    expect(expectAnswer([iface("dtmi:a:deep;1", { contents: [{ "@type": "Telemetry", name: "t", schema }] })]).ok).toBe(
      false,
    );

    let component: Record<string, unknown> = iface("dtmi:a:c0;1");
    for (let i = 1; i < 5_000; i++) {
      component = iface(`dtmi:a:c${i};1`, { contents: [{ "@type": "Component", name: "c", schema: component }] });
    }
    expect(expectAnswer([component]).ok).toBe(false);

    let json: unknown = "x";
    for (let i = 0; i < 50_000; i++) json = { a: [json] };
    expectAnswer([iface("dtmi:a:json;1", { description: json, comment: json })]);

    const chain = Array.from({ length: 3_000 }, (_, i) =>
      iface(`dtmi:a:e${i};1`, i + 1 < 3_000 ? { extends: `dtmi:a:e${i + 1};1` } : {}),
    );
    expect(expectAnswer(chain).ok).toBe(false);
  });

  it("on huge strings and arrays", () => {
    const huge = "x".repeat(2_000_000);
    expect(expectAnswer([iface(`dtmi:a:${huge};1`)]).ok).toBe(false);
    expect(expectAnswer([iface("dtmi:a:s;1", { description: huge })]).ok).toBe(false);
    expect(
      expectAnswer([iface("dtmi:a:s;1", { contents: [{ "@type": "Property", name: huge, schema: "double" }] })]).ok,
    ).toBe(false);
    expect(expectAnswer([iface("dtmi:a:s;1", { "@context": ["dtmi:dtdl:context;3", huge] })]).ok).toBe(false);
    const many = Array.from({ length: 20_000 }, (_, i) => ({ "@type": "Property", name: `p${i}`, schema: "double" }));
    expectAnswer([iface("dtmi:a:many;1", { contents: many })]);
  });

  it("on __proto__, constructor and other prototype names", () => {
    const documents = JSON.parse(`[
      {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:a:p;1", "@type": "Interface", "__proto__": {"@type": "Interface"}},
      {"@context": "dtmi:dtdl:context;2", "@id": "dtmi:a:q;1", "@type": "Interface", "contents": [
        {"@type": "Property", "name": "constructor", "schema": "double"},
        {"@type": "Property", "name": "hasOwnProperty", "schema": {"@type": "Enum", "valueSchema": "string",
          "enumValues": [{"name": "toString", "enumValue": "__proto__"}, {"name": "valueOf", "enumValue": "constructor"}]}},
        {"@type": "Telemetry", "name": "prototype", "schema": {"@type": "Object", "fields": [{"name": "__proto__", "schema": "double"}]}}
      ], "displayName": {"__proto__": "x", "en": "y"}}
    ]`);
    expectAnswer(documents);
    expectAnswer([documents[1]]);
    expectAnswer(
      JSON.parse('[{"__proto__": {"@context": "dtmi:dtdl:context;3", "@id": "dtmi:a:r;1", "@type": "Interface"}}]'),
    );
    expectAnswer([iface("dtmi:a:constructor;1", { extends: "dtmi:a:__proto__;1" })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("on object cycles and DTDL reference cycles", () => {
    const selfContaining = iface("dtmi:a:cycle;1");
    selfContaining.contents = [selfContaining];
    expect(expectAnswer([selfContaining]).ok).toBe(false);

    const schema: Record<string, unknown> = { "@type": "Array" };
    schema.elementSchema = schema;
    expect(expectAnswer([iface("dtmi:a:s;1", { contents: [{ "@type": "Property", name: "p", schema }] })]).ok).toBe(
      false,
    );

    const array: unknown[] = [];
    array.push(array);
    expectAnswer([iface("dtmi:a:arr;1", { extends: array })]);
    expectAnswer(array);

    expect(expectAnswer([iface("dtmi:a:x;1", { extends: "dtmi:a:x;1" })]).ok).toBe(false);
    expect(
      expectAnswer([iface("dtmi:a:x;1", { extends: "dtmi:a:y;1" }), iface("dtmi:a:y;1", { extends: "dtmi:a:x;1" })]).ok,
    ).toBe(false);
    expect(
      expectAnswer([iface("dtmi:a:x;1", { contents: [{ "@type": "Component", name: "c", schema: "dtmi:a:x;1" }] })]).ok,
    ).toBe(false);
    expect(
      expectAnswer([
        iface("dtmi:a:x;1", {
          schemas: [{ "@id": "dtmi:a:o;1", "@type": "Object", fields: [{ name: "f", schema: "dtmi:a:o;1" }] }],
        }),
      ]).ok,
    ).toBe(false);
  });
});
