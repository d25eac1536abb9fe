import type { StoredDeadLetter, StoredEndpoint, StoredRoute } from "../ports/eventStore.js";

/** Rows of the event tables as both SQL adapters read them, and their mapping to the port's types. */
export interface EndpointRow {
  name: string;
  kind: string;
  definition: string;
  created_at: number;
  updated_at: number;
}

export interface RouteRow {
  id: string;
  endpoint_name: string;
  filter: string;
  created_at: number;
  updated_at: number;
}

export interface DeadLetterRow {
  id: number;
  route_id: string;
  endpoint_name: string;
  seq: number;
  twin_id: string | null;
  type: string;
  event: string;
  attempts: number;
  last_error: string;
  first_attempt_at: number;
  created_at: number;
}

export function toEndpoint(row: EndpointRow): StoredEndpoint {
  return {
    name: row.name,
    kind: row.kind,
    definition: JSON.parse(row.definition),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toRoute(row: RouteRow): StoredRoute {
  return {
    id: row.id,
    endpointName: row.endpoint_name,
    filter: row.filter,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDeadLetter(row: DeadLetterRow): StoredDeadLetter {
  return {
    id: row.id,
    routeId: row.route_id,
    endpointName: row.endpoint_name,
    seq: row.seq,
    twinId: row.twin_id,
    type: row.type,
    event: row.event,
    attempts: row.attempts,
    lastError: row.last_error,
    firstAttemptAt: row.first_attempt_at,
    createdAt: row.created_at,
  };
}
