import type { EventStore } from "../../store/ports/eventStore.js";
import type { EventDispatcher } from "../delivery/eventDispatcher.js";

/**
 * - `healthy`: the latest delivery attempt succeeded (or none was needed yet);
 * - `retrying`: the latest attempt failed and its events wait for a retry;
 * - `failing`: `failingAfter` attempts in a row failed, or the latest failure dead-lettered events;
 * - `disabled`: nothing is delivered to it here: no event route uses it, or delivery is off;
 * - `standby`: routes use it, but another node of the cluster delivers them (ask that one).
 */
export type EndpointDeliveryStatus = "healthy" | "retrying" | "failing" | "disabled" | "standby";

export interface EndpointDelivery {
  readonly status: EndpointDeliveryStatus;
  /** The event routes that use the endpoint. */
  readonly routes: readonly string[];
  readonly lastSuccessTime: string | null;
  readonly lastErrorTime: string | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  /** Committed events its routes have not handled yet (summed over routes; before filtering). */
  readonly backlog: number;
}

/** Failed attempts in a row after which an endpoint counts as failing rather than retrying. */
export const failingAfter = 3;

/**
 * The delivery state of endpoints, read from the dispatcher's live state (this process, since it
 * started) and the routes' cursors.
 */
export async function endpointDeliveries(
  names: readonly string[],
  dispatcher: EventDispatcher,
  store: EventStore,
): Promise<Map<string, EndpointDelivery>> {
  const routes = await store.listRoutes();
  const latest = await store.latestSeq();
  const out = new Map<string, EndpointDelivery>();
  for (const name of names) {
    const used = routes.filter((route) => route.endpointName === name).map((route) => route.id);
    const live = new Map(dispatcher.routesOf(name).map((route) => [route.id, route]));
    let backlog = 0;
    for (const id of used) {
      const worker = live.get(id);
      const cursor = worker?.delivering ? worker.cursor : ((await store.getCursor(id)) ?? latest);
      backlog += Math.max(0, latest - cursor);
    }
    const health = dispatcher.health.get(name);
    const failures = health?.consecutiveFailures ?? 0;
    let status: EndpointDeliveryStatus;
    if (used.length === 0 || !dispatcher.isRunning) status = "disabled";
    else if (![...live.values()].some((route) => route.delivering)) status = "standby";
    else if (health?.gaveUp || failures >= failingAfter) status = "failing";
    else if (failures > 0) status = "retrying";
    else status = "healthy";
    out.set(name, {
      status,
      routes: used,
      lastSuccessTime: isoOrNull(health?.lastSuccessAt),
      lastErrorTime: isoOrNull(health?.lastErrorAt),
      lastError: health?.lastError ?? null,
      consecutiveFailures: failures,
      backlog,
    });
  }
  return out;
}

function isoOrNull(time: number | undefined): string | null {
  return time === undefined ? null : new Date(time).toISOString();
}
