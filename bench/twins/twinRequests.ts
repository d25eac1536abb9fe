/**
 * The requests of the twin scenarios, shared by the twins benchmark and `cpuPerRequest.ts`:
 * GET, PUT (replace) and PATCH on twins `t0`..`t{twins - 1}` of the sensor model.
 */
import { api } from "../support/apiVersion.js";
import { sensorTwin } from "../support/sensorModel.js";
import type { PacedRequest } from "./pacedLoad.js";

/** The next request of a scenario (a fresh generator per run: PATCH bodies count up). */
export type NextRequest = () => PacedRequest;

export function randomTwin(twins: number): () => number {
  return () => Math.floor(Math.random() * twins);
}

export function getRequest(twins: number): NextRequest {
  const pick = randomTwin(twins);
  return () => ({ method: "GET", path: `/digitaltwins/t${pick()}?${api}` });
}

export function putRequest(twins: number): NextRequest {
  const pick = randomTwin(twins);
  return () => {
    const i = pick();
    return {
      method: "PUT",
      path: `/digitaltwins/t${i}?${api}`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(sensorTwin(i)),
    };
  };
}

/** PATCH n sets /count to n and /temperature to n mod 40 + 0.5, on the twin `pick` names. */
export function patchRequest(pick: () => number): NextRequest {
  let n = 0;
  return () => ({
    method: "PATCH",
    path: `/digitaltwins/t${pick()}?${api}`,
    headers: { "content-type": "application/json-patch+json" },
    body: patchBody(++n),
  });
}

export function patchBody(n: number): string {
  return `[{"op":"replace","path":"/count","value":${n}},{"op":"replace","path":"/temperature","value":${n % 40}.5}]`;
}
