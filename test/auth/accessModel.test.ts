import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AccessSnapshot } from "../../src/auth/accessSnapshot.js";
import { authOptionsFromCli } from "../../src/auth/authCliOptions.js";
import { builtInRoles } from "../../src/auth/builtInRoles.js";
import { adtDataActions, allDataActions } from "../../src/auth/dataActions.js";
import { parseAuthConfig, parseAuthMode } from "../../src/auth/loadAuthConfigFile.js";
import { expandActionPattern, matchesAction } from "../../src/auth/matchesAction.js";
import type { Principal } from "../../src/auth/principal.js";
import { parseRoleAssignment } from "../../src/auth/roleAssignment.js";
import { roleActions } from "../../src/auth/roleDefinition.js";
import { routeRules } from "../../src/auth/routeRules.js";

const user = (groups: string[], extra: Partial<Extract<Principal, { kind: "user" }>> = {}): Principal => ({
  kind: "user",
  id: "u",
  subject: "u",
  objectId: undefined,
  issuer: "i",
  groups,
  roles: [],
  ...extra,
});

function snapshot(assignments: Record<string, unknown>): AccessSnapshot {
  return new AccessSnapshot(
    { version: 1, apiKeys: [], roles: [], assignments: [] },
    { roles: [], assignments: Object.entries(assignments).map(([id, a]) => parseRoleAssignment(id, a, "config")) },
  );
}

describe("actions and roles", () => {
  it("matches Azure-style wildcards, case-insensitively, across slashes", () => {
    expect(
      matchesAction("Microsoft.DigitalTwins/digitaltwins/*", "Microsoft.DigitalTwins/digitaltwins/relationships/read"),
    ).toBe(true);
    expect(matchesAction("microsoft.digitaltwins/models/READ", "Microsoft.DigitalTwins/models/read")).toBe(true);
    expect(matchesAction("Microsoft.DigitalTwins/models/read", "Microsoft.DigitalTwins/models/write")).toBe(false);
    expect(matchesAction("Microsoft.DigitalTwins/models/re.d", "Microsoft.DigitalTwins/models/read")).toBe(false);
    expect(expandActionPattern("Doppel/apikeys/*")).toEqual([
      "Doppel/apikeys/read",
      "Doppel/apikeys/write",
      "Doppel/apikeys/delete",
    ]);
  });

  it("gives Data Owner every ADT action and no Doppel one; Data Reader exactly the reads and the query", () => {
    const [owner, reader, admin] = builtInRoles;
    expect(roleActions(owner!).sort()).toEqual([...adtDataActions].sort());
    expect(roleActions(reader!).sort()).toEqual(
      [
        "Microsoft.DigitalTwins/digitaltwins/read",
        "Microsoft.DigitalTwins/digitaltwins/relationships/read",
        "Microsoft.DigitalTwins/eventroutes/read",
        "Microsoft.DigitalTwins/jobs/deletions/read",
        "Microsoft.DigitalTwins/jobs/import/read",
        "Microsoft.DigitalTwins/jobs/imports/read",
        "Microsoft.DigitalTwins/models/read",
        "Microsoft.DigitalTwins/query/action",
      ].sort(),
    );
    expect(roleActions(admin!).every((a) => a.startsWith("Doppel/"))).toBe(true);
  });

  it("maps every route rule to a known action (or public/authenticated)", () => {
    for (const [key, rule] of Object.entries(routeRules)) {
      const ok = rule.action === "public" || rule.action === "authenticated" || allDataActions.includes(rule.action);
      expect(ok, key).toBe(true);
    }
  });
});

describe("AccessSnapshot.scopeFor", () => {
  const access = snapshot({
    r: { principal: "group:readers", role: "Azure Digital Twins Data Reader" },
    s: {
      principal: "group:scoped",
      role: "Azure Digital Twins Data Owner",
      scope: { kind: "models", models: ["m:A"] },
    },
    s2: { principal: "group:scoped", role: "Azure Digital Twins Data Owner", scope: { kind: "subgraph", root: "r" } },
    byRoleId: { principal: "appRole:Twins.Write", role: "bcd981a7-7f74-457b-83e1-cceb9e632ffe" },
  });

  it("grants instance-wide actions from instance-scoped assignments", () => {
    expect(access.scopeFor(user(["readers"]), "Microsoft.DigitalTwins/models/read")).toEqual({ kind: "all" });
    expect(access.scopeFor(user(["readers"]), "Microsoft.DigitalTwins/models/write")).toEqual({ kind: "none" });
    expect(access.scopeFor(user([], { roles: ["Twins.Write"] }), "Microsoft.DigitalTwins/models/write")).toEqual({
      kind: "all",
    });
  });

  it("unions the scopes of every assignment granting a twin action", () => {
    expect(access.scopeFor(user(["scoped"]), "Microsoft.DigitalTwins/digitaltwins/write")).toEqual({
      kind: "some",
      scopes: [
        { kind: "models", models: ["m:A"] },
        { kind: "subgraph", root: "r", relationships: [] },
      ],
    });
    expect(access.scopeFor(user(["scoped", "readers"]), "Microsoft.DigitalTwins/digitaltwins/read")).toEqual({
      kind: "all",
    });
  });

  it("lets scoped assignments read models but not manage routes, models or jobs", () => {
    const scoped = user(["scoped"]);
    expect(access.scopeFor(scoped, "Microsoft.DigitalTwins/models/read")).toEqual({ kind: "all" });
    expect(access.scopeFor(scoped, "Microsoft.DigitalTwins/models/write")).toEqual({ kind: "none" });
    expect(access.scopeFor(scoped, "Microsoft.DigitalTwins/eventroutes/write")).toEqual({ kind: "none" });
    expect(access.scopeFor(scoped, "Microsoft.DigitalTwins/jobs/deletions/write")).toEqual({ kind: "none" });
  });

  it("never matches API keys by user selectors, nor users by key selectors", () => {
    const keyed = snapshot({ k: { principal: "apiKey:abc", role: "Azure Digital Twins Data Reader" } });
    const key: Principal = { kind: "apiKey", id: "key:abc", keyId: "abc", name: "n" };
    expect(keyed.scopeFor(key, "Microsoft.DigitalTwins/models/read").kind).toBe("all");
    expect(keyed.scopeFor(user([], { subject: "abc" }), "Microsoft.DigitalTwins/models/read").kind).toBe("none");
  });
});

describe("auth configuration", () => {
  it("parses modes", () => {
    expect(parseAuthMode("none")).toBe("none");
    expect(parseAuthMode("jwt,apikey")).toEqual(["jwt", "apikey"]);
    expect(parseAuthMode(["APIKEY"])).toEqual(["apikey"]);
    expect(() => parseAuthMode("none,jwt")).toThrow("mode must be 'none', 'jwt', 'apikey' or 'jwt,apikey'");
    expect(() => parseAuthMode("basic")).toThrow();
  });

  it("refuses unknown settings in the file", () => {
    expect(() => parseAuthConfig({ mode: "jwt", jwtt: {} }, "f.json")).toThrow("f.json: unknown setting(s) jwtt");
    expect(parseAuthConfig({ mode: ["jwt"], jwt: { issuer: "i", audience: "a" } })).toEqual({
      mode: ["jwt"],
      jwt: { issuer: "i", audience: "a" },
    });
  });

  it("merges the serve flags over the --auth-config file", () => {
    const dir = mkdtempSync(join(tmpdir(), "doppel-authcfg-"));
    try {
      const file = join(dir, "auth.json");
      writeFileSync(
        file,
        JSON.stringify({ mode: "apikey", jwt: { issuer: "https://file", audience: "aud", clockSkewSeconds: 5 } }),
      );
      expect(authOptionsFromCli({ "auth-config": file })).toEqual({
        mode: "apikey",
        jwt: { issuer: "https://file", audience: "aud", clockSkewSeconds: 5 },
      });
      expect(authOptionsFromCli({ "auth-config": file, auth: "jwt,apikey", "jwt-issuer": "https://flag" })).toEqual({
        mode: ["jwt", "apikey"],
        jwt: { issuer: "https://flag", audience: "aud", clockSkewSeconds: 5 },
      });
      expect(authOptionsFromCli({})).toEqual({});
      writeFileSync(file, "{not json");
      expect(() => authOptionsFromCli({ "auth-config": file })).toThrow(`cannot read the auth config ${file}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
