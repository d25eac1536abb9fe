/**
 * What parseDtdl reports across several documents, how it words unresolved references, and the
 * structure it shares between Interfaces that inherit everything from one parent.
 */
import { describe, expect, it } from "vitest";
import { parseDtdl } from "../../src/dtdl/index.js";

function fail(documents: unknown[], options?: Parameters<typeof parseDtdl>[1]) {
  const result = parseDtdl(documents, options);
  if (result.ok) throw new Error("expected failure");
  return result.errors;
}

function iface(id: string, extra: Record<string, unknown> = {}) {
  return { "@context": "dtmi:dtdl:context;3", "@id": id, "@type": "Interface", ...extra };
}

describe("parseDtdl error reporting", () => {
  it("reports the errors of every document, not only the first failing one", () => {
    const errors = fail([
      iface("dtmi:ex:A;1", { contents: [{ "@type": "Property", name: "a" }] }),
      iface("dtmi:ex:B;1"),
      iface("dtmi:ex:C;1", { contents: [{ "@type": "Telemetry", name: "c" }] }),
    ]);
    expect(errors.map((e) => [e.validationId, e.primaryId, e.property, e.documentIndex])).toEqual([
      ["dtmi:dtdl:parsingError:missingObjectProperty", "dtmi:ex:A:_contents:__a;1", "schema", 0],
      ["dtmi:dtdl:parsingError:missingObjectProperty", "dtmi:ex:C:_contents:__c;1", "schema", 2],
    ]);
  });

  it("does not link documents when one of them has errors", () => {
    // B's reference to a missing interface would be a resolution error; A's error comes first and
    // resolution is not attempted.
    const errors = fail([
      iface("dtmi:ex:A;1", { contents: [{ "@type": "Property", name: "a" }] }),
      iface("dtmi:ex:B;1", { extends: "dtmi:ex:Missing;1" }),
    ]);
    expect(errors.map((e) => e.validationId)).toEqual(["dtmi:dtdl:parsingError:missingObjectProperty"]);
  });

  it("words an unresolved reference naturally, with and without a resolver", () => {
    const doc = iface("dtmi:ex:Room;1", { extends: "dtmi:ex:Space;1" });
    const [without] = fail([doc]);
    expect(without).toEqual({
      validationId: "dtmi:dtdl:resolutionError:undefinedIdentifier",
      primaryId: "dtmi:ex:Room;1",
      secondaryId: "dtmi:ex:Space;1",
      property: "extends",
      value: "dtmi:ex:Space;1",
      message: "dtmi:ex:Room;1's property 'extends' refers to dtmi:ex:Space;1, which is not defined in the model set.",
      documentIndex: 0,
    });
    const [withResolver] = fail([doc], { resolve: () => [] });
    expect(withResolver?.message).toBe(
      "dtmi:ex:Room;1's property 'extends' refers to dtmi:ex:Space;1, which is not defined in the model set or by the resolver.",
    );
  });
});

describe("parseDtdl inherited contents", () => {
  const base = iface("dtmi:ex:Base;1", {
    contents: [
      { "@type": "Property", name: "p1", schema: "double" },
      { "@type": "Property", name: "p2", schema: "string" },
    ],
  });
  const middle = iface("dtmi:ex:Middle;1", {
    extends: "dtmi:ex:Base;1",
    contents: [{ "@type": "Telemetry", name: "t", schema: "double" }],
  });
  const leaf = iface("dtmi:ex:Leaf;1", { extends: "dtmi:ex:Middle;1" });
  const other = iface("dtmi:ex:Other;1", {
    contents: [{ "@type": "Property", name: "o", schema: "double" }],
  });
  const both = iface("dtmi:ex:Both;1", {
    extends: ["dtmi:ex:Leaf;1", "dtmi:ex:Other;1"],
    contents: [{ "@type": "Property", name: "own", schema: "double" }],
  });

  it("flattens own contents first, then each ancestor's, in the same order for every path", () => {
    const result = parseDtdl([both, leaf, other, middle, base]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const names = (id: string) => [...result.model.interfaces.get(id)!.contents.keys()];
    expect(names("dtmi:ex:Middle;1")).toEqual(["t", "p1", "p2"]);
    expect(names("dtmi:ex:Leaf;1")).toEqual(["t", "p1", "p2"]);
    expect(names("dtmi:ex:Both;1")).toEqual(["own", "t", "p1", "p2", "o"]);
    expect(result.model.interfaces.get("dtmi:ex:Both;1")!.ancestors).toEqual([
      "dtmi:ex:Leaf;1",
      "dtmi:ex:Other;1",
      "dtmi:ex:Middle;1",
      "dtmi:ex:Base;1",
    ]);
    expect(result.model.interfaces.get("dtmi:ex:Leaf;1")!.ancestors).toEqual(["dtmi:ex:Middle;1", "dtmi:ex:Base;1"]);
  });

  it("reports a name clash between an Interface's own contents and an ancestor's, whatever the order", () => {
    const clash = iface("dtmi:ex:Clash;1", {
      extends: "dtmi:ex:Leaf;1",
      contents: [{ "@type": "Property", name: "p2", schema: "double" }],
    });
    for (const docs of [
      [clash, leaf, middle, base],
      [base, middle, leaf, clash],
    ]) {
      const errors = fail(docs);
      expect(errors.map((e) => [e.validationId, e.primaryId, e.secondaryId, e.value])).toEqual([
        ["dtmi:dtdl:parsingError:nonUniqueImportedPropertyValue", "dtmi:ex:Clash;1", "dtmi:ex:Base;1", "p2"],
      ]);
    }
  });

  it("counts inherited contents towards the 100,000 element limit of every inheriting Interface", () => {
    // Each Property counts with its schema (2); each Component with its Interface's elements.
    const properties = Array.from({ length: 10_001 }, (_, i) => ({
      "@type": "Property",
      name: `p${i}`,
      schema: "double",
    }));
    const components = Array.from({ length: 5 }, (_, i) => ({
      "@type": "Component",
      name: `c${i}`,
      schema: "dtmi:ex:X;1",
    }));
    const errors = fail([
      iface("dtmi:ex:X;1", { contents: properties }),
      iface("dtmi:ex:Y;1", { contents: components }),
      iface("dtmi:ex:Z;1", { extends: "dtmi:ex:Y;1" }),
    ]);
    expect(errors.map((e) => [e.validationId, e.primaryId, e.value])).toEqual([
      ["dtmi:dtdl:parsingError:excessiveCount", "dtmi:ex:Y;1", "100020"],
      ["dtmi:dtdl:parsingError:excessiveCount", "dtmi:ex:Z;1", "100020"],
    ]);
  });
});
