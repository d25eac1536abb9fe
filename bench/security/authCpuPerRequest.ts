/**
 * The CPU time the server spends per request, measured in-process with `app.inject` (no
 * sockets, no TLS), for mode none against JWT, API key and a models scope. CPU time, unlike
 * throughput, barely moves when other processes load the machine, so this isolates what the
 * security layer itself costs. Scenarios take turns; each figure is the lowest of the rounds
 * (interference from elsewhere only ever adds CPU time).
 */
import { createApiKey } from "../../src/auth/accessAdmin.js";
import { parseApiKey } from "../../src/auth/apiKeySecret.js";
import { api } from "../support/apiVersion.js";
import {
  type App,
  type InjectRequest,
  injectCpuPerRequest,
  seedInProcess,
  startInProcess,
} from "../support/inProcessApp.js";
import type { TwinSeed } from "../support/twinSeed.js";
import { benchAuth } from "./benchAuth.js";

const model = {
  "@id": "dtmi:bench:Counter;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  contents: [{ "@type": "Property", name: "count", schema: "integer" }],
};
const twins = 100;
const counters: TwinSeed = {
  models: [model],
  twins,
  twin: (i) => ({ $metadata: { $model: model["@id"] }, count: i }),
};

export async function authCpuPerRequest(rounds: number, perRound = 2000): Promise<Map<string, number>> {
  const auth = await benchAuth(model["@id"]);
  const open = await startInProcess(":memory:");
  const secured = await startInProcess(":memory:", auth.options);
  try {
    const owner = await auth.bearer("owners");
    const scoped = await auth.bearer("scoped");
    const apiKey = (await createApiKey(secured.services.store.auth, { name: "bench" }, "bench")).key;
    await secured.services.store.auth.putRoleAssignment({
      id: "bench-key",
      principalType: "apiKey",
      principalId: parseApiKey(apiKey)!.id,
      role: "Azure Digital Twins Data Owner",
      scope: { kind: "instance" },
    });
    secured.services.auth.invalidate();
    await seedInProcess(open.app, counters);
    await seedInProcess(secured.app, { ...counters, authorization: owner });
    const scenarios: [string, App, string, string | undefined][] = [
      ["GET, mode none", open.app, "GET", undefined],
      ["GET, JWT", secured.app, "GET", owner],
      ["GET, API key", secured.app, "GET", `Bearer ${apiKey}`],
      ["GET, JWT, models scope", secured.app, "GET", scoped],
      ["PATCH, mode none", open.app, "PATCH", undefined],
      ["PATCH, JWT", secured.app, "PATCH", owner],
      ["PATCH, JWT, models scope", secured.app, "PATCH", scoped],
    ];
    const samples = new Map<string, number[]>(scenarios.map(([name]) => [name, []]));
    // One request in flight: the cost of the security layer alone, without group commits to share it.
    const measure = (app: App, method: string, auth: string | undefined, n: number) =>
      injectCpuPerRequest(app, n, 1, counterRequest(method, auth));
    for (const [, app, method, auth] of scenarios) await measure(app, method, auth, 300); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const [name, app, method, auth] of scenarios)
        samples.get(name)!.push(await measure(app, method, auth, perRound));
    }
    return new Map([...samples].map(([name, values]) => [name, Math.min(...values)]));
  } finally {
    await open.close();
    await secured.close();
  }
}

/** Request i: GET, or PATCH /count to i, of twin i mod the twins seeded. */
function counterRequest(method: string, authorization: string | undefined): InjectRequest {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return (i) => {
    const url = `/digitaltwins/t${i % twins}?${api}`;
    return method === "GET"
      ? { method, url, headers }
      : {
          method: "PATCH",
          url,
          headers: { ...headers, "content-type": "application/json-patch+json" },
          payload: `[{"op":"replace","path":"/count","value":${i}}]`,
        };
  };
}
