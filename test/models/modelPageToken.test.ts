import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelPageTokens } from "../../src/models/modelPageToken.js";

describe("model page tokens", () => {
  const tokens = new ModelPageTokens(Buffer.alloc(32, 7));

  it("round-trips a cursor bound to its filter, whatever the filter's order", () => {
    const token = tokens.sign({ afterSeq: 42, pageSize: 10 }, ["dtmi:b;1", "dtmi:a;1"]);
    expect(tokens.verify(token, ["dtmi:a;1", "dtmi:b;1"])).toEqual({ afterSeq: 42, pageSize: 10 });
    expect(tokens.verify(tokens.sign({ afterSeq: 0, pageSize: 1 }, []), [])).toEqual({ afterSeq: 0, pageSize: 1 });
  });

  it("is opaque: no raw numbers or ids in sight", () => {
    const token = tokens.sign({ afterSeq: 42, pageSize: 10 }, ["dtmi:a;1"]);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain("dtmi");
  });

  it("rejects a token used with another filter", () => {
    const token = tokens.sign({ afterSeq: 5, pageSize: 10 }, ["dtmi:a;1"]);
    expect(tokens.verify(token, [])).toBeUndefined();
    expect(tokens.verify(token, ["dtmi:a;1", "dtmi:b;1"])).toBeUndefined();
  });

  it("rejects a token signed with another key (e.g. before a restart)", () => {
    const token = new ModelPageTokens(Buffer.alloc(32, 8)).sign({ afterSeq: 5, pageSize: 10 }, []);
    expect(tokens.verify(token, [])).toBeUndefined();
  });

  it("rejects an edited payload with the old signature", () => {
    const token = tokens.sign({ afterSeq: 5, pageSize: 10 }, []);
    const [, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ v: 1, s: 0, n: 100 })).toString("base64url");
    expect(tokens.verify(`${forged}.${signature}`, [])).toBeUndefined();
  });

  it("rejects every mutation of a valid token and never throws on garbage", () => {
    const token = tokens.sign({ afterSeq: 123, pageSize: 50 }, []);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(..."AZaz09-_.="), (index, char) => {
        const mutated = token.slice(0, index) + char + token.slice(index + 1);
        // base64url has spare bits in its last character; equal decoded bytes are the same token.
        const [payload, signature] = token.split(".") as [string, string];
        const parts = mutated.split(".");
        const same =
          parts.length === 2 &&
          parts[0] === payload &&
          Buffer.from(parts[1]!, "base64url").equals(Buffer.from(signature, "base64url"));
        if (!same) expect(tokens.verify(mutated, [])).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (garbage) => {
        expect(tokens.verify(garbage, [])).toBeUndefined();
      }),
    );
  });
});
