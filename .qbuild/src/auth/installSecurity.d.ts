import type { FastifyInstance } from "fastify";
import type { Services } from "../http/services.js";
import type { RequestAccess } from "./requestAccess.js";
declare module "fastify" {
    interface FastifyRequest {
        /** Set by the security layer on every routed request that passed authentication. */
        access: RequestAccess | null;
        /** Why authentication failed, for the audit log. */
        authFailure: string | null;
    }
    interface FastifyContextConfig {
        /** The route filters its results with `scopeSqlFor(request.access, ...)` itself (the query). */
        appliesTwinScope?: boolean;
    }
}
/**
 * The cross-cutting security layer, installed once per listener before any route: every route
 * is looked up in `routeRules` (unmapped ones are denied), callers are authenticated and
 * authorised, ids and bodies are checked against the limits, rate limits apply, scoped callers
 * see only their twins, and writes and admin calls are audited.
 */
export declare function installSecurity(app: FastifyInstance, services: Services): void;
