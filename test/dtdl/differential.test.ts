/**
 * Differential checks against the official DTDL parser (DTDLParser in WASM): the public
 * ontologies flatten to the same interfaces, and generated model sets get the same verdict.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParsedModel } from "../../src/dtdl/model.js";
import { parseDtdl } from "../../src/dtdl/parseDtdl.js";
import { modelSetArb } from "./modelArbitraries.js";
import { type OfficialElement, officialParse } from "./officialParser.js";
import { loadOntology, ontologies, ontologyTitle, sharedModelsPresent } from "./sharedModels.js";

/** Per interface: direct extends, and each content (own and inherited) as `kind id`. */
interface Flattened {
  readonly extends: readonly string[];
  readonly contents: Readonly<Record<string, string>>;
}

function flattenOurs(model: ParsedModel): Record<string, Flattened> {
  const result: Record<string, Flattened> = {};
  for (const [id, iface] of model.interfaces) {
    const contents: Record<string, string> = {};
    for (const [name, content] of [...iface.contents].sort(([a], [b]) => (a < b ? -1 : 1))) {
      contents[name] = `${content.kind} ${content.id}`;
    }
    result[id] = { extends: [...iface.extends].sort(), contents };
  }
  return result;
}

function flattenOfficial(model: Readonly<Record<string, OfficialElement>>): Record<string, Flattened> {
  const result: Record<string, Flattened> = {};
  for (const [id, element] of Object.entries(model)) {
    if (element.EntityKind !== "Interface") continue;
    const contents: Record<string, string> = {};
    for (const [name, contentId] of Object.entries(element.contents ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      contents[name] = `${model[contentId]?.EntityKind} ${contentId}`;
    }
    result[id] = { extends: [...((element.extends as string[] | undefined) ?? [])].sort(), contents };
  }
  return result;
}

describe.skipIf(!sharedModelsPresent)(ontologyTitle("differential: shared ontologies"), () => {
  const expectedInterfaces = { "azure-realestatecore-3.3": 768, energygrid: 113 } as const;

  for (const name of ontologies) {
    it(`${name}: both parsers accept it with the same interfaces and flattened contents`, async () => {
      const documents = await loadOntology(name);
      const ours = parseDtdl(documents);
      const theirs = await officialParse(documents);
      if (!theirs.ok)
        throw new Error(`official parser rejected ${name}: ${JSON.stringify(theirs.failure).slice(0, 500)}`);
      expect(ours.ok ? [] : ours.errors.slice(0, 5)).toEqual([]);
      if (!ours.ok) return;
      const ourFlat = flattenOurs(ours.model);
      const theirFlat = flattenOfficial(theirs.model);
      expect(Object.keys(ourFlat).sort()).toEqual(Object.keys(theirFlat).sort());
      expect(ourFlat).toEqual(theirFlat);
      expect(Object.keys(ourFlat).length).toBe(expectedInterfaces[name]);
    });
  }
});

describe("differential: generated model sets", () => {
  const seed = Number(process.env.DTDL_FC_SEED ?? 20_250_601);

  it("agree on the verdict, and on the flattening when both accept (200 sets)", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(modelSetArb, async (documents) => {
        const ours = parseDtdl(documents);
        const theirs = await officialParse(documents);
        if (ours.ok !== theirs.ok) {
          const detail = ours.ok ? JSON.stringify(theirs.ok ? {} : theirs.failure) : JSON.stringify(ours.errors);
          throw new Error(`verdicts differ: ours ${ours.ok}, official ${theirs.ok}; ${detail.slice(0, 1500)}`);
        }
        if (ours.ok && theirs.ok) {
          accepted++;
          expect(flattenOurs(ours.model)).toEqual(flattenOfficial(theirs.model));
        }
      }),
      { numRuns: 200, seed },
    );
    // The generator is meant to produce both outcomes; a collapse to one would hollow this test.
    expect(accepted).toBeGreaterThan(40);
    expect(accepted).toBeLessThan(160);
  });
});
