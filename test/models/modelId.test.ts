import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidModelId } from "../../src/models/modelId.js";

describe("model id format", () => {
  it.each([
    "dtmi:samples:DTTestBuilding;1",
    "dtmi:com:example:Sample;1",
    "dtmi:digitaltwins:rec_3_3:asset:Bed;1",
    "dtmi:a;999999999",
    "dtmi:a:b_c;2.5",
    "dtmi:versionless:Interface",
  ])("accepts %s", (id) => {
    expect(isValidModelId(id)).toBe(true);
  });

  it.each([
    "thisIsNotAValidModelId",
    "",
    "dtmi:",
    "dtmi:a;0",
    "dtmi:a;01",
    "dtmi:a;1234567890",
    "dtmi:_system;1",
    "dtmi:a_;1",
    "dtmi:1a;1",
    "dtmi:a::b;1",
    "dtmi:a;1.0",
    "dtmi:a;1#frag",
    "DTMI:a;1",
    "dtmi:a;1 ",
    "dtmi:a/b;1",
    `dtmi:${"a".repeat(4096)};1`,
  ])("rejects %j", (id) => {
    expect(isValidModelId(id)).toBe(false);
  });

  it("never throws and only accepts dtmi-prefixed strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (value) => {
        const valid = isValidModelId(value);
        if (valid) expect(value.startsWith("dtmi:")).toBe(true);
      }),
    );
  });
});
