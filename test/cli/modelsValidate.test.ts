import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelsCommand } from "../../src/cli/models.js";
import { ontologyDir, ontologyTitle, sharedModelsPresent } from "../dtdl/sharedModels.js";

const fixtures = "test/fixtures/models";

async function runModels(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await modelsCommand(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe("doppel models validate", () => {
  it("accepts a valid set spread over files and folders, in any order", async () => {
    expect(await runModels("validate", `${fixtures}/valid`)).toEqual({
      code: 0,
      out: ["Valid: 3 interfaces in 2 files."],
      err: [],
    });
    // Files named explicitly, dependencies last, .jsonld included.
    expect(
      await runModels("validate", `${fixtures}/valid/Room.json`, `${fixtures}/valid/nested/spaces.jsonld`),
    ).toEqual({
      code: 0,
      out: ["Valid: 3 interfaces in 2 files."],
      err: [],
    });
  });

  it("points at the line of an element whose id was generated (its name)", async () => {
    const result = await runModels("validate", `${fixtures}/invalid-name/Room.json`);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([]);
    expect(result.out).toHaveLength(2);
    expect(result.out[0]).toMatch(
      /^test\/fixtures\/models\/invalid-name\/Room\.json:13: error: .*1humidity.* \[stringInvalid\]$/,
    );
    expect(result.out[1]).toBe("Invalid: 1 error in 1 file (1 file checked).");
  });

  it("points at the @id line of an element inside an array file", async () => {
    const result = await runModels("validate", `${fixtures}/array-error`);
    expect(result.code).toBe(1);
    expect(
      result.out.slice(0, -1).every((line) => line.startsWith(`${fixtures}/array-error/models.json:13: error: `)),
    ).toBe(true);
    expect(result.out.slice(0, -1).map((line) => /\[(\w+)\]$/.exec(line)?.[1])).toEqual([
      "badDtmiOrTerm",
      "objectCountBelowMin",
    ]);
    expect(result.out.at(-1)).toBe("Invalid: 2 errors in 1 file (1 file checked).");
  });

  it("reports unresolved references", async () => {
    const result = await runModels("validate", `${fixtures}/unresolved`);
    expect(result.code).toBe(1);
    expect(result.out).toHaveLength(2);
    expect(result.out[0]).toMatch(
      /^test\/fixtures\/models\/unresolved\/Floor\.json:3: error: .*dtmi:example:Missing;1.* \[resolutionError:undefinedIdentifier\]$/,
    );
    expect(result.out[1]).toBe("Invalid: 1 error in 1 file (1 file checked).");
  });

  it("reports duplicate ids across files at the second definition", async () => {
    const result = await runModels("validate", `${fixtures}/duplicate-id`);
    expect(result.code).toBe(1);
    expect(result.out[0]).toMatch(
      /^test\/fixtures\/models\/duplicate-id\/B\.json:3: error: .* \[duplicateDefinition\]$/,
    );
    expect(result.out.at(-1)).toBe("Invalid: 1 error in 1 file (2 files checked).");
  });

  it("reports malformed JSON with its line and skips DTDL validation", async () => {
    expect(await runModels("validate", `${fixtures}/broken-json`, `${fixtures}/unresolved`)).toEqual({
      code: 1,
      out: [
        `${fixtures}/broken-json/Bad.json:7: error: invalid JSON: Unexpected character ']' at position 174`,
        "Invalid: 1 error in 1 file (2 files checked).",
      ],
      err: [],
    });
  });

  it("prints JSON with --json", async () => {
    const result = await runModels("validate", "--json", `${fixtures}/invalid-name`);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out.join("\n"));
    expect(report).toMatchObject({ valid: false, files: 1 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({
      path: `${fixtures}/invalid-name/Room.json`,
      line: 13,
      validationId: "dtmi:dtdl:parsingError:stringInvalid",
      primaryId: "dtmi:example:Room:_contents:__1humidity;1",
    });
    expect(JSON.parse((await runModels("validate", "--json", `${fixtures}/valid`)).out.join("\n"))).toEqual({
      valid: true,
      files: 2,
      interfaces: 3,
      errors: [],
    });
  });

  it("answers usage errors with status 2", async () => {
    const none = await runModels("validate");
    expect([none.code, none.out, none.err[0]?.split("\n")[0]]).toEqual([
      2,
      [],
      "doppel models validate: no files or folders given",
    ]);
    const missing = await runModels("validate", `${fixtures}/does-not-exist`);
    expect(missing).toEqual({
      code: 2,
      out: [],
      err: [`doppel models validate: no such file or folder: ${fixtures}/does-not-exist`],
    });
    const option = await runModels("validate", "--frobnicate", fixtures);
    expect([option.code, option.err[0]?.split("\n")[0]]).toEqual([
      2,
      "doppel models validate: unknown option '--frobnicate'",
    ]);
    const sub = await runModels("check");
    expect(sub).toEqual({ code: 2, out: [], err: ["doppel models: unknown sub-command 'check' (expected: validate)"] });
    const empty = await mkdtemp(join(tmpdir(), "doppel-models-"));
    try {
      expect(await runModels("validate", empty)).toEqual({
        code: 2,
        out: [],
        err: [`doppel models validate: no .json or .jsonld files found in ${empty}`],
      });
    } finally {
      await rm(empty, { recursive: true });
    }
    const help = await runModels("validate", "--help");
    expect([help.code, help.out[0]?.split("\n")[0]]).toEqual([
      0,
      "Usage: doppel models validate [options] <file or folder>...",
    ]);
  });

  describe.skipIf(!sharedModelsPresent)(ontologyTitle("shared ontologies"), () => {
    it("RealEstateCore 3.3 is valid", async () => {
      expect(await runModels("validate", ontologyDir("azure-realestatecore-3.3"))).toEqual({
        code: 0,
        out: ["Valid: 768 interfaces in 768 files."],
        err: [],
      });
    });

    it("Energy grid is valid", async () => {
      expect(await runModels("validate", ontologyDir("energygrid"))).toEqual({
        code: 0,
        out: ["Valid: 113 interfaces in 113 files."],
        err: [],
      });
    });
  });
});
