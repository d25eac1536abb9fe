/**
 * fast-check generators of small DTDL model sets, mostly well-formed but with a steady
 * sprinkling of mistakes (bad names, ids, schemas, references, limits), so that a run yields
 * both valid and invalid sets.
 */
import fc from "fast-check";

type Json = unknown;

const interfaceIds = ["dtmi:test:i0;1", "dtmi:test:i1;1", "dtmi:test:i2;1", "dtmi:test:i3;1"] as const;

/** Knobs of one generated set: how often to slip in a mistake. */
interface Noise {
  /** Weight of a wrong choice against 12 for a right one; 0 for none. */
  readonly bad: number;
}

/** Mostly the right thing, now and then one of the wrong ones. */
function mostly<T>(noise: Noise, good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> {
  if (noise.bad === 0) return good;
  return fc.oneof({ weight: 12, arbitrary: good }, { weight: noise.bad, arbitrary: bad });
}

const goodNames = fc.constantFrom("temp", "speed", "status", "child", "link", "level", "a1", "Name_2");
const badNames = fc.constantFrom("1bad", "a-b", "_x", "x_", "", "a".repeat(65), "b".repeat(513), "has space");

const goodPrimitives = fc.constantFrom(
  "boolean",
  "date",
  "dateTime",
  "double",
  "duration",
  "float",
  "integer",
  "long",
  "string",
  "time",
);
const badPrimitives = fc.constantFrom("int", "Double", "byte", "uuid", "dtmi:test:nothing;1", "point");

/** Gives each element of a list a distinct name unless noise may collide them. */
function distinctNames<T>(noise: Noise, items: T[]): T[] {
  if (noise.bad > 0) return items;
  return items.map((item, i) =>
    typeof item === "object" && item !== null && "name" in item
      ? { ...item, name: `${(item as { name: string }).name}${i}` }
      : item,
  );
}

class Generators {
  readonly name: fc.Arbitrary<string>;
  readonly primitive: fc.Arbitrary<Json>;
  readonly enumSchema: fc.Arbitrary<Json>;
  readonly schema: fc.Arbitrary<Json>;
  readonly property: fc.Arbitrary<Json>;

  constructor(readonly noise: Noise) {
    this.name = mostly(noise, goodNames, badNames);
    this.primitive = mostly(noise, goodPrimitives, badPrimitives);
    this.enumSchema = fc
      .tuple(
        fc.constantFrom("integer", "string"),
        noise.bad > 0
          ? fc.array(fc.tuple(this.name, fc.nat(3)), { maxLength: 3 })
          : fc.uniqueArray(fc.tuple(this.name, fc.nat(3)), { maxLength: 3, selector: ([, n]) => n }),
      )
      .chain(([valueSchema, values]) =>
        fc.record({
          "@type": fc.constant("Enum"),
          valueSchema: mostly(noise, fc.constant(valueSchema), fc.constant("double")),
          enumValues: fc.constant(
            distinctNames(
              noise,
              values.map(([name, n]) => ({ name, enumValue: valueSchema === "integer" ? n : `v${n}` })),
            ),
          ),
        }),
      );
    // Deeper nesting now and then, to reach the depth limit of 5.
    this.schema =
      noise.bad > 0
        ? fc.oneof({ weight: 8, arbitrary: this.schemaOfDepth(2) }, { weight: 1, arbitrary: this.schemaOfDepth(7) })
        : this.schemaOfDepth(2);
    this.property = fc.record(
      { "@type": fc.constant("Property"), name: this.name, schema: this.schema, writable: fc.boolean() },
      { requiredKeys: ["@type", "name", "schema"] },
    );
  }

  schemaOfDepth(depth: number): fc.Arbitrary<Json> {
    if (depth <= 0) return this.primitive;
    const inner = this.schemaOfDepth(depth - 1);
    return fc.oneof(
      { weight: 6, arbitrary: this.primitive },
      { weight: 1, arbitrary: fc.record({ "@type": fc.constant("Array"), elementSchema: inner }) },
      { weight: 1, arbitrary: this.enumSchema },
      {
        weight: 1,
        arbitrary: fc.record({
          "@type": fc.constant("Map"),
          mapKey: fc.record({
            name: this.name,
            schema: mostly(this.noise, fc.constant("string"), fc.constant("integer")),
          }),
          mapValue: fc.record({ name: this.name, schema: inner }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.record({ name: this.name, schema: inner }), { minLength: 1, maxLength: 3 })
          .map((fields) => ({ "@type": "Object", fields: distinctNames(this.noise, fields) })),
      },
    );
  }

  /** References to interfaces; without noise only to later ones, so there are no cycles. */
  interfaceRef(index: number, count: number): fc.Arbitrary<string> {
    const later = interfaceIds.slice(index + 1, count);
    if (this.noise.bad === 0) return later.length > 0 ? fc.constantFrom(...later) : fc.constant("");
    return mostly(this.noise, fc.constantFrom(...interfaceIds), fc.constantFrom("dtmi:test:missing;1", "notadtmi"));
  }

  content(index: number, count: number): fc.Arbitrary<Json> {
    const ref = this.interfaceRef(index, count);
    const noise = this.noise;
    const choices: fc.WeightedArbitrary<Json>[] = [
      { weight: 4, arbitrary: this.property },
      { weight: 2, arbitrary: fc.record({ "@type": fc.constant("Telemetry"), name: this.name, schema: this.schema }) },
      {
        weight: 1,
        arbitrary: fc.record(
          {
            "@type": fc.constant("Command"),
            name: this.name,
            request: fc.record({ name: this.name, schema: this.schema }),
            response: fc.record({ name: this.name, schema: this.schema }),
          },
          { requiredKeys: ["@type", "name"] },
        ),
      },
      {
        weight: 2,
        arbitrary: fc.record(
          {
            "@type": fc.constant("Relationship"),
            name: this.name,
            target: mostly(noise, fc.constantFrom(...interfaceIds, "dtmi:test:elsewhere;1"), fc.constant("not a dtmi")),
            minMultiplicity: mostly(noise, fc.constant(0), fc.constant(1)),
            maxMultiplicity: mostly(noise, fc.integer({ min: 1, max: 500 }), fc.constantFrom(0, 501, -1)),
            properties: fc.array(this.property, { maxLength: 2 }).map((ps) => distinctNames(noise, ps)),
            writable: fc.boolean(),
          },
          { requiredKeys: ["@type", "name"] },
        ),
      },
    ];
    if (noise.bad > 0 || index + 1 < count) {
      choices.push({
        weight: 1,
        arbitrary: fc.record({ "@type": fc.constant("Component"), name: this.name, schema: ref }),
      });
    }
    if (noise.bad > 0) {
      choices.push({
        weight: 1,
        arbitrary: fc.constantFrom<Json>({ "@type": "Unknown", name: "x" }, "dtmi:test:nothing;1"),
      });
    }
    return fc.oneof(...choices);
  }

  interface(index: number, count: number, context: string): fc.Arbitrary<Json> {
    const noise = this.noise;
    const canExtend = noise.bad > 0 || index + 1 < count;
    return fc.record(
      {
        "@context": mostly(
          noise,
          fc.constant(context),
          fc.constantFrom("dtmi:dtdl:context;9", "dtmi:x:context;1", "dtmi:dtdl:context;3"),
        ),
        "@id": mostly(noise, fc.constant(interfaceIds[index]!), badIds),
        "@type": mostly(noise, fc.constant("Interface"), fc.constant("Interfaces")),
        contents: fc.array(this.content(index, count), { maxLength: 4 }).map((cs) => distinctNames(noise, cs)),
        extends: canExtend ? fc.uniqueArray(this.interfaceRef(index, count), { maxLength: 2 }) : fc.constant([]),
        displayName: mostly(noise, fc.constant("A model"), fc.constant("d".repeat(70))),
      },
      { requiredKeys: ["@context", "@id", "@type"] },
    );
  }
}

const badIds = fc.constantFrom(
  "dtmi:test:i0",
  "dtmi:test:_i0;1",
  "urn:test:i0",
  "dtmi:dtdl:i0;1",
  `dtmi:test:${"x".repeat(130)};1`,
);

/**
 * One to four interfaces with ids dtmi:test:i0;1 … that may reference each other. Half the
 * sets are generated without deliberate mistakes (though DTDL's own rules, e.g. no Array in a
 * v2 Property, still make some of those invalid); the others carry mistakes at varying rates.
 */
export const modelSetArb: fc.Arbitrary<Json[]> = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
    fc.constantFrom("dtmi:dtdl:context;2", "dtmi:dtdl:context;3"),
  )
  .chain(([count, bad, context]) => {
    const generators = new Generators({ bad });
    return fc.tuple(...Array.from({ length: count }, (_, i) => generators.interface(i, count, context)));
  });
