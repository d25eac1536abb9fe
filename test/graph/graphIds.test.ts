import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkId } from "../../src/graph/graphIds.js";

const accepts = (id: string) => {
  try {
    checkId("digital twin", id, 256);
    return true;
  } catch {
    return false;
  }
};

describe("checkId", () => {
  it("accepts printable Unicode, slashes, spaces and emoji; refuses empty, long, control and broken surrogates", () => {
    for (const id of ["a", "room 1/a", "50%", "🏠", "ünï", "a'b\"c", "x".repeat(256)])
      expect(accepts(id), id).toBe(true);
    for (const id of [
      "",
      "x".repeat(257),
      "a\u0000b",
      "tab\t",
      "del\u007f",
      "c1\u0085",
      "\ud800",
      "\udc00x",
      "a\ud83d",
    ]) {
      expect(accepts(id), JSON.stringify(id)).toBe(false);
    }
  });

  it("agrees with the definition on any string", () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the definition being checked
    const control = /[\u0000-\u001f\u007f-\u009f]/;
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (id) => {
        const wellFormed = Buffer.from(id, "utf8").toString("utf8") === id;
        const expected = id.length > 0 && !control.test(id) && wellFormed;
        expect(accepts(id)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
