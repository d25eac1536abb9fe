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
 * - `instanceOnly`: a scoped caller gets 403 (event streams, which cannot be filtered yet).
 */
export type ScopeCheck = "twin" | "putTwin" | "patchTwin" | "relationship" | "putRelationship" | "listOutgoing" | "listIncoming" | "query" | "instanceOnly";
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
    readonly widenedBy?: {
        readonly flag: string;
        readonly action: DataAction;
    };
    /** `false` keeps successful calls out of the audit log (telemetry: events, not changes of state). */
    readonly audit?: false;
}
/**
 * Every route of the server, as `METHOD /path/{}` (parameters by position; HEAD uses GET's rule).
 * A route missing here is denied with 403 in every mode, and `test/auth/routeCoverage.test.ts`
 * fails, so a new route cannot ship unguarded.
 */
export declare const routeRules: Readonly<Record<string, RouteRule>>;
/** `/digitaltwins/:id/relationships/:rel` → `/digitaltwins/{}/relationships/{}`. */
export declare function routePattern(url: string): string;
export declare function routeKey(method: string, url: string): string;
/** The rule of a route (by its registered url, not the request path), memoised per route. */
export declare function ruleFor(method: string, url: string): RouteRule | undefined;
