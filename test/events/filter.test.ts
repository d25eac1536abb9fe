import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DoppelError } from "../../src/errors/catalogue.js";
import { compileFilter, type EventObject } from "../../src/events/filter/compileFilter.js";
import { parseFilter } from "../../src/events/filter/parseFilter.js";

const host = "my-example-digital-twin.api.sea.digitaltwins.azure.net";

const twinCreate: EventObject = {
  specversion: "1.0",
  id: "6ccdb1cd-0dc3-450f-8730-ceccda8439be",
  type: "Microsoft.DigitalTwins.Twin.Create",
  source: host,
  data: {
    $dtId: "example-twin1",
    $etag: 'W/"ecf81d6c"',
    room: "room name",
    floor: 3,
    $metadata: { $model: "dtmi:examplecom:interfaceName;1", room: { lastUpdateTime: "2021-12-09T20:28:52.6651216Z" } },
  },
  subject: "example-twin1",
  time: "2021-12-09T20:28:52.6745538Z",
  datacontenttype: "application/json",
  traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01",
};

const twinUpdate: EventObject = {
  specversion: "1.0",
  id: "u1",
  type: "Microsoft.DigitalTwins.Twin.Update",
  source: host,
  subject: "example-twin1",
  datacontenttype: "application/json",
  data: {
    modelId: "dtmi:examplecom:interfaceName;1",
    patch: [
      { value: "new name", path: "/room", op: "replace" },
      { value: 21.5, path: "/climate/temperature", op: "add" },
    ],
  },
};

const telemetry: EventObject = {
  specversion: "1.0",
  id: "622e",
  type: "microsoft.iot.telemetry",
  source: `${host}/digitaltwins/example-twin1`,
  data: { prop: "hello from telemetry" },
  dataschema: "dtmi:examplecom:interfaceName;1",
  subject: "component1",
  datacontenttype: "application/json-patch+json; charset=utf-8",
};

const relationshipCreate: EventObject = {
  specversion: "1.0",
  id: "r1",
  type: "Microsoft.DigitalTwins.Relationship.Create",
  source: host,
  subject: "example-twin1/relationships/rel1",
  datacontenttype: "application/json",
  data: { $relationshipId: "rel1", $sourceId: "example-twin1", $targetId: "t2", $relationshipName: "contains" },
};

const all = { twinCreate, twinUpdate, telemetry, relationshipCreate };
type Name = keyof typeof all;

function matching(filter: string): Name[] {
  const compiled = compileFilter(filter);
  return (Object.keys(all) as Name[]).filter((name) => compiled.matches(all[name]));
}

function errorOf(filter: string): { code: string; message: string } {
  try {
    parseFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(DoppelError);
    return { code: (error as DoppelError).code, message: (error as DoppelError).message };
  }
  throw new Error(`expected '${filter}' to be rejected`);
}

const invalidMessage = (line: number, position: number, message: string) =>
  `The provided filter is invalid. Parsing error, Line=${line}, Position=${position}, Message=${message}. ` +
  "See event route documentation for supported values and structure (https://aka.ms/ADTv2Routes).";

describe("route filters: the documented examples", () => {
  it("true and false", () => {
    expect(matching("true")).toEqual(["twinCreate", "twinUpdate", "telemetry", "relationshipCreate"]);
    expect(matching("false")).toEqual([]);
    expect(compileFilter("true").matchesAll).toBe(true);
    expect(compileFilter("false").matchesNothing).toBe(true);
  });

  it("type", () => {
    expect(matching("type = 'Microsoft.DigitalTwins.Twin.Create'")).toEqual(["twinCreate"]);
    expect(matching("type = 'Microsoft.DigitalTwins.Twin.Create' OR type = 'microsoft.iot.telemetry'")).toEqual([
      "twinCreate",
      "telemetry",
    ]);
  });

  it("source", () => {
    expect(matching(`source = '${host}'`)).toEqual(["twinCreate", "twinUpdate", "relationshipCreate"]);
    expect(matching(`source = '${host}/digitaltwins/example-twin1'`)).toEqual(["telemetry"]);
  });

  it("subject", () => {
    expect(matching("subject = 'example-twin1'")).toEqual(["twinCreate", "twinUpdate"]);
    expect(matching("subject = 'example-twin1/relationships/rel1'")).toEqual(["relationshipCreate"]);
    expect(matching("subject = 'component1'")).toEqual(["telemetry"]);
  });

  it("dataschema, and the model through $body for create and update", () => {
    expect(matching("dataschema = 'dtmi:examplecom:interfaceName;1'")).toEqual(["telemetry"]);
    expect(matching("$body.$metadata.$model = 'dtmi:examplecom:interfaceName;1'")).toEqual(["twinCreate"]);
    expect(matching("$body.modelId = 'dtmi:examplecom:interfaceName;1'")).toEqual(["twinUpdate"]);
  });

  it("datacontenttype and specversion", () => {
    expect(matching("datacontenttype = 'application/json'")).toEqual([
      "twinCreate",
      "twinUpdate",
      "relationshipCreate",
    ]);
    expect(matching("specversion = '1.0'")).toEqual(["twinCreate", "twinUpdate", "telemetry", "relationshipCreate"]);
  });

  it("the docs' combined example with parentheses", () => {
    expect(
      matching("(type != 'microsoft.iot.telemetry' OR datacontenttype = 'application/json') OR (specversion != '1.0')"),
    ).toEqual(["twinCreate", "twinUpdate", "relationshipCreate"]);
  });

  it("$body properties with each comparison", () => {
    expect(matching("$body.floor = 3")).toEqual(["twinCreate"]);
    expect(matching("$body.floor != 3")).toEqual([]);
    expect(matching("$body.floor > 2")).toEqual(["twinCreate"]);
    expect(matching("$body.floor >= 3")).toEqual(["twinCreate"]);
    expect(matching("$body.floor < 3")).toEqual([]);
    expect(matching("$body.floor <= 3.0")).toEqual(["twinCreate"]);
    expect(matching("$body.floor <> 4")).toEqual(["twinCreate"]);
    expect(matching("$body.prop = 'hello from telemetry'")).toEqual(["telemetry"]);
    expect(matching("$body.$relationshipName = 'contains'")).toEqual(["relationshipCreate"]);
  });

  it("STARTS_WITH, ENDS_WITH and CONTAINS", () => {
    expect(matching("STARTS_WITH(type, 'Microsoft.DigitalTwins.Twin.')")).toEqual(["twinCreate", "twinUpdate"]);
    expect(matching("ENDS_WITH(subject, '/relationships/rel1')")).toEqual(["relationshipCreate"]);
    expect(matching("CONTAINS($body.room, 'name')")).toEqual(["twinCreate"]);
    expect(matching("CONTAINS($body.floor, '3')")).toEqual([]);
  });

  it("NOT, AND/OR precedence", () => {
    expect(matching("NOT type = 'microsoft.iot.telemetry'")).toEqual([
      "twinCreate",
      "twinUpdate",
      "relationshipCreate",
    ]);
    expect(matching("type = 'microsoft.iot.telemetry' OR subject = 'example-twin1' AND $body.floor = 3")).toEqual([
      "twinCreate",
      "telemetry",
    ]);
    expect(matching("(type = 'microsoft.iot.telemetry' OR subject = 'example-twin1') AND $body.floor = 3")).toEqual([
      "twinCreate",
    ]);
  });

  it("is case-sensitive for names and values, not for keywords", () => {
    expect(matching("type = 'microsoft.digitaltwins.twin.create'")).toEqual([]);
    expect(matching("$body.Room = 'room name'")).toEqual([]);
    expect(matching("type = 'microsoft.iot.telemetry' or type = 'Microsoft.DigitalTwins.Twin.Update'")).toEqual([
      "twinUpdate",
      "telemetry",
    ]);
    expect(errorOf("Type = 'x'")).toEqual({
      code: "EventRouteFilterInvalid",
      message: invalidMessage(1, 1, "Unknown attribute 'Type'"),
    });
  });

  it("accepts the legacy $eventType names the live service still takes", () => {
    expect(
      matching("$eventType = 'DigitalTwinTelemetryMessages' or $eventType = 'DigitalTwinLifecycleNotification'"),
    ).toEqual(["twinCreate", "telemetry"]);
    expect(matching("$eventType = 'DigitalTwinRelationshipChangeNotification'")).toEqual(["relationshipCreate"]);
  });

  it("treats a missing property as false for every comparison", () => {
    expect(matching("$body.nothing = 1")).toEqual([]);
    expect(matching("$body.nothing != 1")).toEqual([]);
    expect(matching("NOT $body.nothing = 1")).toEqual(["twinCreate", "twinUpdate", "telemetry", "relationshipCreate"]);
    expect(matching("$body.patch = 1")).toEqual([]);
    expect(matching("dataschema = null")).toEqual([]);
  });

  it("strings escape a quote by doubling it", () => {
    const event = { ...twinCreate, data: { name: "it's" } };
    expect(compileFilter("$body.name = 'it''s'").matches(event)).toBe(true);
  });
});

describe("route filters: CHANGED extension", () => {
  it("selects updates by the paths their patch touches", () => {
    expect(matching("CHANGED('/room')")).toEqual(["twinUpdate"]);
    expect(matching("CHANGED('/climate')")).toEqual(["twinUpdate"]);
    expect(matching("CHANGED('/climate/temperature/unit')")).toEqual(["twinUpdate"]);
    expect(matching("CHANGED('/temperature')")).toEqual([]);
    expect(matching("CHANGED('/ro')")).toEqual([]);
    expect(matching("CHANGED('/room', 'replace')")).toEqual(["twinUpdate"]);
    expect(matching("CHANGED('/room', 'remove')")).toEqual([]);
    expect(matching("type = 'Microsoft.DigitalTwins.Twin.Update' AND NOT CHANGED('/room')")).toEqual([]);
  });

  it("rejects arguments that are not a pointer or an op", () => {
    expect(errorOf("CHANGED('room')").message).toBe(
      invalidMessage(1, 9, "CHANGED takes a JSON Pointer string such as '/temperature'"),
    );
    expect(errorOf("CHANGED('/room', 'move')").message).toBe(
      invalidMessage(1, 18, "CHANGED's second argument is one of 'add', 'replace', 'remove'"),
    );
  });
});

describe("route filters: errors", () => {
  it("matches the live service's message for a sentence", () => {
    expect(errorOf("this is not a valid filter string")).toEqual({
      code: "EventRouteFilterInvalid",
      message: invalidMessage(1, 6, "Unexpected input 'is'"),
    });
  });

  it.each([
    ["", 1, 1, "The filter is empty"],
    ["   ", 1, 4, "The filter is empty"],
    ["type = ", 1, 8, "Unexpected end of input"],
    ["type = 'abc", 1, 8, "Unterminated string literal"],
    ["(type = 'a'", 1, 12, "Unexpected end of input"],
    ["type = 'a')", 1, 11, "Unexpected input ')'"],
    ["type = 'a' AND\n  subject == 'b'", 2, 12, "Unexpected input '='"],
    ["type = 'a' # x", 1, 12, "Unexpected input '#'"],
    ["'abc'", 1, 1, "Expected a condition (a comparison, a function or true/false)"],
    ["type", 1, 1, "Expected a condition (a comparison, a function or true/false)"],
    ["true AND 5", 1, 10, "Expected a condition (a comparison, a function or true/false)"],
    ["FOO(type, 'a')", 1, 1, "Unknown function 'FOO'"],
    ["STARTS_WITH(type)", 1, 1, "Function 'STARTS_WITH' takes 2 arguments"],
    ["type = 'a' = 'b'", 1, 12, "Unexpected input '='"],
    ["AND type = 'a'", 1, 1, "Unexpected input 'AND'"],
    ["$body. = 1", 1, 8, "Unexpected input '='"],
  ])("%j → Line=%i, Position=%i", (filter, line, position, message) => {
    expect(errorOf(filter)).toEqual({
      code: "EventRouteFilterInvalid",
      message: invalidMessage(line, position, message),
    });
  });

  it("bounds nesting instead of overflowing the stack", () => {
    const deep = `${"(".repeat(5000)}true${")".repeat(5000)}`;
    expect(errorOf(deep).code).toBe("EventRouteFilterInvalid");
    expect(errorOf(`${"NOT ".repeat(5000)}true`).code).toBe("EventRouteFilterInvalid");
  });
});

describe("route filters: fuzzing", () => {
  const events = Object.values(all);

  it("any text either parses or fails with EventRouteFilterInvalid, never anything else", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          const compiled = compileFilter(text);
          for (const event of events) expect(typeof compiled.matches(event)).toBe("boolean");
        } catch (error) {
          expect(error).toBeInstanceOf(DoppelError);
          expect((error as DoppelError).code).toBe("EventRouteFilterInvalid");
        }
      }),
      { numRuns: 3000 },
    );
  });

  const atom = fc.constantFrom(
    "type = 'Microsoft.DigitalTwins.Twin.Create'",
    "subject != 'example-twin1'",
    "$body.floor >= 3",
    "STARTS_WITH(source, 'my-')",
    "CHANGED('/room')",
    "true",
    "false",
    "$body.nothing = null",
  );
  const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      atom,
      fc.tuple(tie("e"), fc.constantFrom(" AND ", " OR ", " and ", " or "), tie("e")).map(([a, op, b]) => a + op + b),
      tie("e").map((a) => `NOT (${a})`),
      tie("e").map((a) => `(${a})`),
    ),
  })).e;

  it("generated well-formed filters parse, and NOT inverts them", () => {
    fc.assert(
      fc.property(expression, (text) => {
        const compiled = compileFilter(text);
        const negated = compileFilter(`NOT (${text})`);
        for (const event of events) expect(negated.matches(event)).toBe(!compiled.matches(event));
      }),
      { numRuns: 500 },
    );
  });

  it("a token deleted from a well-formed filter is rejected or still parses, never throws otherwise", () => {
    fc.assert(
      fc.property(expression, fc.nat(), (text, cut) => {
        const at = cut % (text.length + 1);
        const broken = text.slice(0, at) + text.slice(at + 1);
        try {
          compileFilter(broken);
        } catch (error) {
          expect((error as DoppelError).code).toBe("EventRouteFilterInvalid");
        }
      }),
      { numRuns: 1000 },
    );
  });
});
