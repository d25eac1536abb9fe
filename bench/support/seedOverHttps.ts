import { Agent, request as httpsRequest } from "node:https";
import { api } from "./apiVersion.js";
import type { TwinSeed } from "./twinSeed.js";

/** Uploads the models (when there are any) and PUTs the twins, 64 at a time, over HTTPS. */
export async function seedOverHttps(url: string, ca: string, seed: TwinSeed): Promise<void> {
  const agent = new Agent({ keepAlive: true, ca, maxSockets: 16 });
  const headers = {
    "content-type": "application/json",
    ...(seed.authorization === undefined ? {} : { authorization: seed.authorization }),
  };
  const send = (method: string, path: string, body: unknown) =>
    sendJson(agent, new URL(path, url), method, headers, JSON.stringify(body));
  try {
    if (seed.models.length > 0) {
      const created = await send("POST", `/models?${api}`, seed.models);
      if (created !== 201) throw new Error(`model upload answered ${created}`);
    }
    const batch = 64;
    for (let start = 0; start < seed.twins; start += batch) {
      const puts = [];
      for (let i = start; i < Math.min(seed.twins, start + batch); i++) {
        puts.push(send("PUT", `/digitaltwins/t${i}?${api}`, seed.twin(i)));
      }
      const statuses = await Promise.all(puts);
      if (statuses.some((s) => s !== 200)) throw new Error(`seeding answered ${statuses.find((s) => s !== 200)}`);
    }
  } finally {
    agent.destroy();
  }
}

function sendJson(
  agent: Agent,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}
