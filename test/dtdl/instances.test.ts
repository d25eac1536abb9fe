/**
 * The official parser corpus's `instances` cases: parse each case's model with our parser,
 * find the subject element, validate every submitted JSON text against it and compare with
 * the expected verdict. Exact mode (lossless numbers) must match every case; after a plain
 * JSON.parse only the cases whose number text is lost may differ, and those are listed.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Element, ParsedModel, Schema } from "../../src/dtdl/model.js";
import { parseDtdl } from "../../src/dtdl/parseDtdl.js";
import { parseJsonLossless, validateValue } from "../../src/dtdl/validateValue.js";

const corpusDir = resolve("../shared/dtdl/parser-tests/test-cases/generated");
const corpusPresent = existsSync(corpusDir);

interface Instance {
  readonly subject: string;
  readonly submit: string;
  readonly conforms?: boolean;
  readonly throws?: boolean;
}

interface InstanceCase {
  readonly file: string;
  readonly input: unknown[];
  readonly instances: readonly Instance[];
}

function loadCases(): InstanceCase[] {
  if (!corpusPresent) return [];
  return readdirSync(corpusDir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(join(corpusDir, file), "utf8").replace(/^\uFEFF/, "")) }))
    .filter((c): c is InstanceCase => Array.isArray(c.instances));
}

const schemaKinds = new Set(["primitive", "geospatial", "scaledDecimal", "Array", "Enum", "Map", "Object"]);

function isSchema(element: Element): element is Schema {
  return schemaKinds.has(element.kind);
}

/** Schemas reachable from the model's elements, for subjects (standard primitives) not registered by id. */
function* reachableSchemas(model: ParsedModel): Generator<Schema> {
  const stack: Element[] = [...model.elements.values()];
  const seen = new Set<Element>();
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (seen.has(element)) continue;
    seen.add(element);
    if (isSchema(element)) yield element;
    const e = element as unknown as Record<string, unknown>;
    for (const key of ["schema", "elementSchema", "mapValue", "request", "response"]) {
      const child = e[key];
      if (typeof child === "object" && child !== null) stack.push(child as Element);
    }
    for (const key of ["fields", "schemas", "properties"]) {
      const children = e[key];
      if (Array.isArray(children)) stack.push(...(children as Element[]));
    }
  }
}

function findSubject(model: ParsedModel, id: string): Element | undefined {
  const registered = model.elements.get(id);
  if (registered !== undefined) return registered;
  for (const schema of reachableSchemas(model)) if (schema.id === id) return schema;
  return undefined;
}

/** Verdict for one submitted text: undefined when the text is not JSON at all. */
function verdict(schema: Schema, submit: string, parse: (text: string) => unknown): boolean {
  let value: unknown;
  try {
    value = parse(submit);
  } catch {
    return false;
  }
  return validateValue(schema, value, "").length === 0;
}

const cases = loadCases();

const title = corpusPresent ? "instances corpus" : `instances corpus (skipped: ${corpusDir} not found)`;

describe.skipIf(!corpusPresent)(title, () => {
  it("finds the 64 instance files", () => {
    expect(cases.length).toBe(64);
  });

  const plainMismatches: string[] = [];

  for (const testCase of cases) {
    it(testCase.file, () => {
      const result = parseDtdl(testCase.input);
      if (!result.ok) throw new Error(`parse failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
      for (const instance of testCase.instances) {
        const subject = findSubject(result.model, instance.subject);
        expect(subject, instance.subject).toBeDefined();
        if (subject === undefined) continue;
        if (instance.throws) {
          // Only schemas have instances; the official parser throws for anything else.
          expect([instance.subject, isSchema(subject)]).toEqual([instance.subject, false]);
          continue;
        }
        if (!isSchema(subject)) throw new Error(`${instance.subject} is a ${subject.kind}, not a schema`);
        const exact = verdict(subject, instance.submit, parseJsonLossless);
        expect([instance.subject, instance.submit, exact]).toEqual([
          instance.subject,
          instance.submit,
          instance.conforms,
        ]);
        const plain = verdict(subject, instance.submit, JSON.parse);
        if (plain !== instance.conforms) {
          plainMismatches.push(`${testCase.file} ${instance.subject} ${instance.submit}`);
        }
      }
    });
  }

  it("after JSON.parse, differs only where the number text is lost", () => {
    const lost = [...new Set(plainMismatches.map((m) => m.replace(/^\S+V\d\.json /, "")))].sort();
    expect(lost).toEqual([
      // Fractional or exponent text with an integral value: JSON.parse yields the integer.
      "dtmi:dtdl:instance:Schema:byte;4 -0.0",
      "dtmi:dtdl:instance:Schema:byte;4 0.0",
      "dtmi:dtdl:instance:Schema:integer;2 -0.0",
      "dtmi:dtdl:instance:Schema:integer;2 0.0",
      "dtmi:dtdl:instance:Schema:long;2 -0.0",
      // Just outside the 64-bit ranges: the nearest doubles are the range's own ends (±2^63, 2^64).
      "dtmi:dtdl:instance:Schema:long;2 -9223372036854775809",
      "dtmi:dtdl:instance:Schema:long;2 0.0",
      "dtmi:dtdl:instance:Schema:long;2 9223372036854775808",
      "dtmi:dtdl:instance:Schema:short;4 -0.0",
      "dtmi:dtdl:instance:Schema:short;4 0.0",
      "dtmi:dtdl:instance:Schema:unsignedByte;4 0.0",
      "dtmi:dtdl:instance:Schema:unsignedInteger;4 0.0",
      "dtmi:dtdl:instance:Schema:unsignedLong;4 0.0",
      "dtmi:dtdl:instance:Schema:unsignedLong;4 18446744073709551616",
      "dtmi:dtdl:instance:Schema:unsignedShort;4 0.0",
      "dtmi:test:intEnum;1 1.0",
      "dtmi:test:intEnum;1 2.0",
    ]);
  });
});
