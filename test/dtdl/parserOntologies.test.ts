/** The two real ontologies in ../shared/models must parse, with the object model they imply. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDtdl } from "../../src/dtdl/index.js";
import type { Property, Relationship } from "../../src/dtdl/model.js";

const MODELS = resolve(__dirname, "../../../shared/models");

function loadDocuments(dir: string): unknown[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".json")) files.push(p);
    }
  };
  walk(dir);
  return files.map((f) => JSON.parse(readFileSync(f, "utf8").replace(/^\uFEFF/, "")));
}

describe.skipIf(!existsSync(MODELS))("real ontologies", () => {
  it("parses RealEstateCore 3.3 (768 DTDL v3 interfaces)", () => {
    const docs = loadDocuments(join(MODELS, "azure-realestatecore-3.3"));
    expect(docs).toHaveLength(768);
    const started = performance.now();
    const result = parseDtdl(docs);
    console.log(`RealEstateCore 3.3: ${(performance.now() - started).toFixed(0)} ms (first parse, unwarmed)`);
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5), null, 2));
    const { model } = result;
    expect(model.interfaces.size).toBe(768);
    expect(model.topLevel).toHaveLength(768);
    const breaker = model.interfaces.get("dtmi:digitaltwins:rec_3_3:asset:ElectricalPanelboardMCB;1")!;
    expect(breaker.dtdlVersion).toBe(3);
    expect(breaker.ancestors).toContain("dtmi:digitaltwins:rec_3_3:core:Asset;1");
    const rating = breaker.contents.get("MCBRating") as Property;
    expect(rating).toMatchObject({ kind: "Property", semanticTypes: ["Current"], unit: "ampere" });
    const space = model.interfaces.get("dtmi:digitaltwins:rec_3_3:core:Space;1")!;
    const isPartOf = space.contents.get("isPartOf") as Relationship;
    expect(isPartOf).toMatchObject({
      id: "dtmi:digitaltwins:rec_3_3:core:Space:_contents:__isPartOf;1",
      target: "dtmi:digitaltwins:rec_3_3:core:Space;1",
    });
    // Inherited contents are present on every descendant.
    const missing: string[] = [];
    for (const iface of model.interfaces.values()) {
      for (const ancestor of iface.ancestors) {
        for (const name of model.interfaces.get(ancestor)!.contents.keys()) {
          if (!iface.contents.has(name)) missing.push(`${iface.id} lacks ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("parses the energy grid ontology (113 DTDL v2 interfaces)", () => {
    const docs = loadDocuments(join(MODELS, "energygrid"));
    expect(docs).toHaveLength(113);
    const result = parseDtdl(docs);
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5), null, 2));
    const { model } = result;
    expect(model.interfaces.size).toBe(113);
    const baseVoltage = model.interfaces.get("dtmi:digitaltwins:ngsi_ld:cim:energy:BaseVoltage;1")!;
    expect(baseVoltage.dtdlVersion).toBe(2);
    const nominal = baseVoltage.contents.get("nominalVoltage") as Property;
    expect(nominal).toMatchObject({
      id: "dtmi:digitaltwins:ngsi_ld:cim:energy:BaseVoltage:_contents:__nominalVoltage;1",
      semanticTypes: ["Voltage"],
      unit: "volt",
      schema: { kind: "primitive", name: "float" },
    });
    const machine = model.interfaces.get("dtmi:digitaltwins:ngsi_ld:cim:energy:AsynchronousMachine;1")!;
    expect(machine.ancestors).toHaveLength(7);
  });
});

if (!existsSync(MODELS)) console.warn(`ontology tests skipped: ${MODELS} not found`);
