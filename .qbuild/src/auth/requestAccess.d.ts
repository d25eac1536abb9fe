import type { DataAction } from "./dataActions.js";
import type { Principal } from "./principal.js";
import type { RouteRule } from "./routeRules.js";
import type { ScopeFilter } from "./scopeFilter.js";
/**
 * What the security layer established for one request, as `request.access`: the caller, the
 * action its route needs (null for public and `authenticated` routes) and the twins it may touch
 * with it. Routes that read many twins (the query) pass it to `scopeSqlFor`.
 */
export interface RequestAccess {
    readonly principal: Principal;
    readonly action: DataAction | null;
    readonly scope: ScopeFilter;
    readonly rule: RouteRule | undefined;
}
