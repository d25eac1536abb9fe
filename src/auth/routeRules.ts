import type { DataAction } from "./dataActions.js";
import type { RateClass } from "./rateLimitOptions.js";

/**
 * How a route's twins are checked against the caller's scope (see `scopeGuard.ts`):
 * - `twin`: the twin in `twinParam` must be in scope (else 404 DigitalTwinNotFound).
 * - `putTwin`: as `twin` when it exists; a new twin's model must be in a `models` scope.
 * - `patchTwin`: as `twin`, and a patch that changes `$metadata.$model` must stay in scope.
 * - `relationship`: the source twin and the relationship's target must be in scope.
 * - `putRelationship`: as `relationship`, and the body's `$targetId` must be in scope.
 * - `listOutgoing` / `listIncoming`: the twin must be in scope; items whose other end is
 *   hidden are dropped from the page.
 * - `query`: allowed for a scoped caller only on a route that applies `scopeSqlFor` itself
 *   (route config `appliesTwinScope: true`); otherwise 403.
 * - `stream`: the live stream, whose events `streamAuthorizer` filters to the caller's twins.
 * - `instanceOnly`: a scoped caller gets 403 (for a route that cannot be limited to some twins).
 */
export type ScopeCheck =
  | "twin"
  | "putTwin"
  | "patchTwin"
  | "relationship"
  | "putRelationship"
  | "listOutgoing"
  | "listIncoming"
  | "query"
  | "stream"
  | "instanceOnly";

export interface RouteRule {
  /** The action the caller needs; `public` skips authentication, `authenticated` needs only a valid credential. */
  readonly action: DataAction | "public" | "authenticated";
  readonly rate?: RateClass;
  /** Position of the path parameter holding the twin id. */
  readonly twinParam?: number;
  /** Position of the path parameter holding the relationship id. */
  readonly relationshipParam?: number;
  /** Position of the path parameter holding a model id (longer ids allowed). */
  readonly modelParam?: number;
  readonly scope?: ScopeCheck;
  /** Counts against the per-twin write limit (ADT: 10/s on one twin and its relationships). */
  readonly twinWrite?: boolean;
  /** Body is twin data: string values are limited to `stringBytes`. */
  readonly twinBody?: boolean;
  /** `model`: the body may be as large as `modelUploadBytes`. */
  readonly bodyLimit?: "model";
  /**
   * A query flag that widens the operation (`DELETE /digitaltwins/{id}?deleteRelationships=true`
   * also deletes relationships, some of them other twins'): when it is `true` the caller also
   * needs `action`, instance-wide.
   */
  readonly widenedBy?: { readonly flag: string; readonly action: DataAction };
  /** `false` keeps successful calls out of the audit log (telemetry: events, not changes of state). */
  readonly audit?: false;
}

const twin = (action: DataAction, scope: ScopeCheck, rate: RateClass, extra: Partial<RouteRule> = {}): RouteRule => ({
  action,
  rate,
  twinParam: 0,
  scope,
  ...extra,
});

/**
 * Every route of the server, as `METHOD /path/{}` (parameters by position; HEAD uses GET's rule).
 * A route missing here is denied with 403 in every mode, and `test/auth/routeCoverage.test.ts`
 * fails, so a new route cannot ship unguarded.
 */
export const routeRules: Readonly<Record<string, RouteRule>> = {
  "GET /healthz": { action: "public" },

  // Models.
  "POST /models": { action: "Microsoft.DigitalTwins/models/write", rate: "models", bodyLimit: "model" },
  "GET /models": { action: "Microsoft.DigitalTwins/models/read", rate: "models" },
  "GET /models/{}": { action: "Microsoft.DigitalTwins/models/read", rate: "models", modelParam: 0 },
  "PATCH /models/{}": { action: "Microsoft.DigitalTwins/models/write", rate: "models", modelParam: 0 },
  "DELETE /models/{}": { action: "Microsoft.DigitalTwins/models/delete", rate: "models", modelParam: 0 },

  // Query.
  "POST /query": { action: "Microsoft.DigitalTwins/query/action", rate: "query", scope: "query" },

  // Twins and components.
  "GET /digitaltwins/{}": twin("Microsoft.DigitalTwins/digitaltwins/read", "twin", "read"),
  "PUT /digitaltwins/{}": twin("Microsoft.DigitalTwins/digitaltwins/write", "putTwin", "createDelete", {
    twinWrite: true,
    twinBody: true,
  }),
  "PATCH /digitaltwins/{}": twin("Microsoft.DigitalTwins/digitaltwins/write", "patchTwin", "patch", {
    twinWrite: true,
    twinBody: true,
  }),
  "DELETE /digitaltwins/{}": twin("Microsoft.DigitalTwins/digitaltwins/delete", "twin", "createDelete", {
    twinWrite: true,
    widenedBy: { flag: "deleteRelationships", action: "Microsoft.DigitalTwins/digitaltwins/relationships/delete" },
  }),
  "GET /digitaltwins/{}/components/{}": twin("Microsoft.DigitalTwins/digitaltwins/read", "twin", "read"),
  "PATCH /digitaltwins/{}/components/{}": twin("Microsoft.DigitalTwins/digitaltwins/write", "twin", "patch", {
    twinWrite: true,
    twinBody: true,
  }),

  // Relationships.
  "GET /digitaltwins/{}/relationships": twin(
    "Microsoft.DigitalTwins/digitaltwins/relationships/read",
    "listOutgoing",
    "read",
  ),
  "GET /digitaltwins/{}/incomingrelationships": twin(
    "Microsoft.DigitalTwins/digitaltwins/relationships/read",
    "listIncoming",
    "read",
  ),
  "GET /digitaltwins/{}/relationships/{}": twin(
    "Microsoft.DigitalTwins/digitaltwins/relationships/read",
    "relationship",
    "read",
    { relationshipParam: 1 },
  ),
  "PUT /digitaltwins/{}/relationships/{}": twin(
    "Microsoft.DigitalTwins/digitaltwins/relationships/write",
    "putRelationship",
    "createDelete",
    { relationshipParam: 1, twinWrite: true, twinBody: true },
  ),
  "PATCH /digitaltwins/{}/relationships/{}": twin(
    "Microsoft.DigitalTwins/digitaltwins/relationships/write",
    "relationship",
    "patch",
    { relationshipParam: 1, twinWrite: true, twinBody: true },
  ),
  "DELETE /digitaltwins/{}/relationships/{}": twin(
    "Microsoft.DigitalTwins/digitaltwins/relationships/delete",
    "relationship",
    "createDelete",
    { relationshipParam: 1, twinWrite: true },
  ),

  // Telemetry: publishing on behalf of a twin is a write to it (ADT does not document the action).
  "POST /digitaltwins/{}/telemetry": twin("Microsoft.DigitalTwins/digitaltwins/write", "twin", "patch", {
    audit: false,
  }),
  "POST /digitaltwins/{}/components/{}/telemetry": twin("Microsoft.DigitalTwins/digitaltwins/write", "twin", "patch", {
    audit: false,
  }),

  // Event routes.
  "GET /eventroutes": { action: "Microsoft.DigitalTwins/eventroutes/read", rate: "eventRoutes" },
  "GET /eventroutes/{}": { action: "Microsoft.DigitalTwins/eventroutes/read", rate: "eventRoutes" },
  "PUT /eventroutes/{}": { action: "Microsoft.DigitalTwins/eventroutes/write", rate: "eventRoutes" },
  "DELETE /eventroutes/{}": { action: "Microsoft.DigitalTwins/eventroutes/delete", rate: "eventRoutes" },

  // Import and delete jobs.
  "GET /jobs/imports": { action: "Microsoft.DigitalTwins/jobs/imports/read", rate: "jobs" },
  "GET /jobs/imports/{}": { action: "Microsoft.DigitalTwins/jobs/imports/read", rate: "jobs" },
  "PUT /jobs/imports/{}": { action: "Microsoft.DigitalTwins/jobs/imports/write", rate: "jobs" },
  "DELETE /jobs/imports/{}": { action: "Microsoft.DigitalTwins/jobs/imports/delete", rate: "jobs" },
  "POST /jobs/imports/{}/cancel": { action: "Microsoft.DigitalTwins/jobs/imports/cancel/action", rate: "jobs" },
  "GET /jobs/deletions": { action: "Microsoft.DigitalTwins/jobs/deletions/read", rate: "jobs" },
  "GET /jobs/deletions/{}": { action: "Microsoft.DigitalTwins/jobs/deletions/read", rate: "jobs" },
  "POST /jobs/deletions": { action: "Microsoft.DigitalTwins/jobs/deletions/write", rate: "jobs" },

  // Event endpoints and dead letters (ours: ADT keeps endpoints in its control plane).
  "GET /admin/endpoints": { action: "Doppel/endpoints/read", rate: "admin" },
  "GET /admin/endpoints/{}": { action: "Doppel/endpoints/read", rate: "admin" },
  "PUT /admin/endpoints/{}": { action: "Doppel/endpoints/write", rate: "admin" },
  "PATCH /admin/endpoints/{}": { action: "Doppel/endpoints/write", rate: "admin" },
  "DELETE /admin/endpoints/{}": { action: "Doppel/endpoints/delete", rate: "admin" },
  "GET /admin/deadletters": { action: "Doppel/deadletters/read", rate: "admin" },
  "GET /admin/deadletters/{}": { action: "Doppel/deadletters/read", rate: "admin" },
  "DELETE /admin/deadletters/{}": { action: "Doppel/deadletters/delete", rate: "admin" },
  "POST /admin/deadletters/{}/replay": { action: "Doppel/deadletters/replay/action", rate: "admin" },
  "POST /admin/deadletters/replay": { action: "Doppel/deadletters/replay/action", rate: "admin" },
  "GET /metrics": { action: "Doppel/metrics/read", rate: "admin" },

  // Live event streams (SSE; the WebSocket is authorised by streamAuthorizer).
  "GET /events/stream": { action: "Microsoft.DigitalTwins/digitaltwins/read", rate: "read", scope: "stream" },
  // CORS preflight: browsers never send credentials on it, and it reveals nothing.
  "OPTIONS /events/stream": { action: "public" },

  // Administration (ours).
  "GET /admin/whoami": { action: "authenticated", rate: "admin" },
  "GET /admin/actions": { action: "authenticated", rate: "admin" },
  "GET /admin/keys": { action: "Doppel/apikeys/read", rate: "admin" },
  "POST /admin/keys": { action: "Doppel/apikeys/write", rate: "admin" },
  "GET /admin/keys/{}": { action: "Doppel/apikeys/read", rate: "admin" },
  "DELETE /admin/keys/{}": { action: "Doppel/apikeys/delete", rate: "admin" },
  "GET /admin/roles": { action: "Doppel/roles/read", rate: "admin" },
  "GET /admin/roles/{}": { action: "Doppel/roles/read", rate: "admin" },
  "PUT /admin/roles/{}": { action: "Doppel/roles/write", rate: "admin" },
  "DELETE /admin/roles/{}": { action: "Doppel/roles/delete", rate: "admin" },
  "GET /admin/roleassignments": { action: "Doppel/roleassignments/read", rate: "admin" },
  "GET /admin/roleassignments/{}": { action: "Doppel/roleassignments/read", rate: "admin" },
  "PUT /admin/roleassignments/{}": { action: "Doppel/roleassignments/write", rate: "admin" },
  "DELETE /admin/roleassignments/{}": { action: "Doppel/roleassignments/delete", rate: "admin" },
  "GET /admin/audit": { action: "Doppel/auditlog/read", rate: "admin" },
};

/** `/digitaltwins/:id/relationships/:rel` → `/digitaltwins/{}/relationships/{}`. */
export function routePattern(url: string): string {
  const path = url.length > 1 ? url.replace(/\/+$/, "") : url;
  return path
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "{}" : segment === "*" ? "{*}" : segment))
    .join("/");
}

export function routeKey(method: string, url: string): string {
  return `${method === "HEAD" ? "GET" : method} ${routePattern(url)}`;
}

const lookups = new Map<string, RouteRule | null>();

/** The rule of a route (by its registered url, not the request path), memoised per route. */
export function ruleFor(method: string, url: string): RouteRule | undefined {
  const key = `${method} ${url}`;
  let rule = lookups.get(key);
  if (rule === undefined) {
    rule = routeRules[routeKey(method, url)] ?? null;
    lookups.set(key, rule);
  }
  return rule ?? undefined;
}
