import type { TokenCredential } from "@azure/core-auth";
import { DigitalTwinsClient } from "@azure/digital-twins-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../support/testServer.js";
import { bearer, createTestIdp, startSecureServer, type TestIdp } from "./authSupport.js";

let idp: TestIdp;
let t: TestServer;

/** What an application writes to hand the SDK an API key: a TokenCredential that returns it. */
function apiKeyCredential(key: string): TokenCredential {
  return { getToken: async () => ({ token: key, expiresOnTimestamp: Date.now() + 3_600_000 }) };
}

function jwtCredential(claims: Record<string, unknown>): TokenCredential & { scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    async getToken(requested) {
      scopes.push(Array.isArray(requested) ? requested : [requested]);
      return { token: await idp.sign(claims), expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

const model = {
  "@id": "dtmi:sdk:Sensor;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [{ "@type": "Property", name: "temperature", schema: "double" }],
};

beforeAll(async () => {
  idp = await createTestIdp();
  t = await startSecureServer(idp);
});
afterAll(async () => {
  await t.close();
});

async function statusOf(promise: Promise<unknown>): Promise<{ statusCode?: number; code?: string }> {
  try {
    await promise;
    return {};
  } catch (error) {
    return error as { statusCode?: number; code?: string };
  }
}

describe("the official SDK", () => {
  it("works with a JWT from its TokenCredential, asking for ADT's scope", async () => {
    const credential = jwtCredential({ sub: "sdk-user", groups: ["owners"] });
    const client = new DigitalTwinsClient(t.url, credential);
    const [created] = await client.createModels([model]);
    expect(created?.id).toBe("dtmi:sdk:Sensor;1");
    const twin = await client.upsertDigitalTwin(
      "s1",
      JSON.stringify({ $metadata: { $model: model["@id"] }, temperature: 21.5 }),
    );
    expect(twin.body.temperature).toBe(21.5);
    const read = await client.getDigitalTwin("s1");
    expect(read.body.$dtId).toBe("s1");
    expect(credential.scopes[0]).toEqual(["https://digitaltwins.azure.net/.default"]);
  });

  it("works with an API key carried by a TokenCredential, within the key's role", async () => {
    const owner = bearer(await idp.sign({ groups: ["owners"] }));
    const created = await t.request("POST", "/admin/keys", { body: { name: "sdk" }, headers: owner });
    await t.request("PUT", "/admin/roleassignments/sdk-key", {
      body: { principal: `apiKey:${created.body.id}`, role: "Azure Digital Twins Data Reader" },
      headers: owner,
    });
    const client = new DigitalTwinsClient(t.url, apiKeyCredential(created.body.key));
    const read = await client.getDigitalTwin("s1");
    expect(read.body.temperature).toBe(21.5);
    const models = [];
    for await (const m of client.listModels()) models.push(m.id);
    expect(models).toContain("dtmi:sdk:Sensor;1");
    const denied = await statusOf(
      client.upsertDigitalTwin("s2", JSON.stringify({ $metadata: { $model: model["@id"] } })),
    );
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe("Forbidden");
  });

  it("surfaces 401 for a wrong key and an expired token", async () => {
    const wrongKey = new DigitalTwinsClient(t.url, apiKeyCredential(`dpk_0123456789abcdef_${"x".repeat(43)}`));
    expect((await statusOf(wrongKey.getDigitalTwin("s1"))).statusCode).toBe(401);
    const expired: TokenCredential = {
      getToken: async () => ({
        token: await idp.sign({ groups: ["owners"] }, { expiresIn: -3600 }),
        expiresOnTimestamp: Date.now() + 3_600_000,
      }),
    };
    expect((await statusOf(new DigitalTwinsClient(t.url, expired).getDigitalTwin("s1"))).statusCode).toBe(401);
  });
});
