import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DoppelError } from "../errors/catalogue.js";
import type { Services } from "../http/services.js";
import { countAuthFailure, throttleClient } from "./addressLimits.js";
import { AuthenticationError } from "./authenticationError.js";
import type { AuthService } from "./authService.js";
import { checkJsonBody } from "./checkJsonBody.js";
import { checkPathParams } from "./checkPathParams.js";
import { filterRelationshipPage } from "./filterRelationshipPage.js";
import { anonymousPrincipal, type Principal } from "./principal.js";
import type { RequestAccess } from "./requestAccess.js";
import { clientAddressLogger, keepsBindings, requestClient } from "./requestClient.js";
import { type RouteRule, routeKey, ruleFor } from "./routeRules.js";
import { allTwins } from "./scopeFilter.js";
import { guardTwinScope } from "./scopeGuard.js";
import { sendTwinThrottled, sendUnauthorized } from "./securityReplies.js";
import { declaredCharset } from "./utf8Guard.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the security layer on every routed request that passed authentication. */
    access: RequestAccess | null;
    /** Why authentication failed, for the audit log. */
    authFailure: string | null;
    /**
     * The client's address (`requestClient`), canonical, resolved once in `onRequest` when the address limits
     * or the audit log need it; null otherwise, or when the socket had no peer address.
     */
    clientAddress: string | null;
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
export function installSecurity(app: FastifyInstance, services: Services): void {
  const auth = services.auth;
  if (!auth) throw new Error("installSecurity: services.auth is missing (build services with createServices)");
  applyServerTimeouts(app, auth);

  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const rule = ruleFor(method, route.url);
      auth.routes.push({ method, url: route.url, rule });
      if (route.bodyLimit === undefined) {
        route.bodyLimit = rule?.bodyLimit === "model" ? auth.limits.modelUploadBytes : auth.limits.bodyBytes;
      }
    }
  });

  // Every body Doppel accepts is JSON; Fastify's default text/plain parser would hand raw strings to routes.
  app.removeContentTypeParser("text/plain");
  app.decorateRequest("access", null);
  app.decorateRequest("authFailure", null);
  app.decorateRequest("clientAddress", null);
  const resolvesClient = auth.rateLimits.enabled || auth.audit.enabled;
  // Behind trusted proxies, Fastify's request log names the forwarded client too (`clientAddress`).
  // Not through Fastify's `trustProxy`: it would also take `request.host` and `request.protocol`
  // from a trusted peer's X-Forwarded-Host/-Proto (links and the events' `source` use them, and
  // proxies commonly pass those headers on from the client unchanged), and its walk differs from
  // `forwardedClient` (no `Forwarded`, empty hops skipped, ports kept), so `request.ip` would not
  // always be the client the limits count.
  if (auth.proxies !== null && keepsBindings(app.log)) app.setChildLoggerFactory(clientAddressLogger(auth.proxies));
  // Hooks take callbacks, not async functions: on the hot path (mode none, no scope, no audit)
  // they finish synchronously, without a promise and a microtask per hook and request.
  app.addHook("onRequest", (request, reply, done) => settle(authorize(auth, request, reply, resolvesClient), done));
  // Bodies are checked for valid UTF-8 once buffered, by the content-type parsers (`utf8Guard`).
  app.addHook("preParsing", (request, _reply, payload, done) => {
    const charset = declaredCharset(request.headers["content-type"]);
    if (charset !== null && charset !== "utf-8" && charset !== "utf8") {
      done(new DoppelError("UnsupportedMediaType", `The charset '${charset}' is not supported; send UTF-8.`));
      return;
    }
    done(null, payload);
  });
  app.addHook("preValidation", (request, _reply, done) => {
    if (request.body !== undefined && request.body !== null) {
      checkJsonBody(request.body, auth.limits, request.access?.rule?.twinBody === true);
    }
    done();
  });
  // Only authenticated callers can be scoped (an anonymous caller in mode none sees every twin),
  // so in mode none the scope hooks would never do anything.
  if (auth.mode !== "none") {
    app.addHook("preHandler", (request, _reply, done) => {
      const access = request.access;
      if (!access || access.scope.kind === "all") return done();
      const guarded = guardTwinScope(auth.store, access, paramList(request), request.body).then((outcome) => {
        // Allowed only as a create: make the handler refuse to replace what appears meanwhile.
        if (outcome === "createOnly" && request.headers["if-none-match"] === undefined) {
          request.headers["if-none-match"] = "*";
        }
      });
      settle(guarded, done);
    });
    app.addHook("onSend", (request, reply, payload, done) => {
      const access = request.access;
      const check = access?.rule?.scope;
      if (!access || access.scope.kind === "all" || reply.statusCode !== 200) return done(null, payload);
      if (check !== "listOutgoing" && check !== "listIncoming") return done(null, payload);
      filterRelationshipPage(auth.store, access, payload, check).then((filtered) => done(null, filtered), done);
    });
  }
  if (auth.audit.enabled) {
    app.addHook("onResponse", (request, reply, done) => {
      recordAudit(auth, request, reply);
      done();
    });
  }
  app.addHook("onClose", async () => auth.audit.flush());
}

/**
 * Synchronous unless authentication or the roles lookup has to wait (never in mode none).
 * `resolvesClient`: the address limits or the audit log need the client's address.
 */
function authorize(
  auth: AuthService,
  request: FastifyRequest,
  reply: FastifyReply,
  resolvesClient: boolean,
): void | Promise<void> {
  const url = request.routeOptions.url;
  const rule = url === undefined ? undefined : ruleFor(request.method, url);
  let address: string | null = null;
  if (resolvesClient) {
    const client = requestClient(auth.proxies, request.raw);
    request.clientAddress = client?.text ?? null;
    if (auth.rateLimits.enabled) address = throttleClient(auth, client, request.headers);
  }
  if (rule?.action === "public") return;
  // Mode none authenticates everyone as the anonymous principal: no promise to wait for.
  if (auth.mode === "none") return admit(auth, request, reply, url, rule, anonymousPrincipal);
  return auth.authenticate(request.headers.authorization).then(
    (principal) => admit(auth, request, reply, url, rule, principal),
    (error: unknown) => {
      if (!(error instanceof AuthenticationError)) throw error;
      request.authFailure = error.message;
      request.log.info({ reason: error.message }, "authentication failed");
      if (address !== null) countAuthFailure(auth, address);
      sendUnauthorized(reply);
    },
  );
}

function admit(
  auth: AuthService,
  request: FastifyRequest,
  reply: FastifyReply,
  url: string | undefined,
  rule: RouteRule | undefined,
  principal: Principal,
): void | Promise<void> {
  // Unknown paths: authenticated callers get the router's 404, others never learn which exist.
  if (url === undefined) return;
  if (!rule) {
    request.log.error({ route: routeKey(request.method, url) }, "route has no access rule");
    request.access = { principal, action: null, scope: allTwins, rule };
    throw new DoppelError(
      "Forbidden",
      `No access rule covers ${routeKey(request.method, url)}, so it is denied. Add it to src/auth/routeRules.ts.`,
    );
  }
  // Mode none: everything is allowed, so no role lookup at all.
  if (principal.kind === "anonymous") return authorizeWith(auth, request, reply, rule, principal, null);
  return auth.access().then((access) => authorizeWith(auth, request, reply, rule, principal, access));
}

function authorizeWith(
  auth: AuthService,
  request: FastifyRequest,
  reply: FastifyReply,
  rule: RouteRule,
  principal: Principal,
  access: Awaited<ReturnType<AuthService["access"]>> | null,
): void {
  // ("public" routes never get here: `authorize` lets them through before authentication.)
  const action = rule.action === "authenticated" || rule.action === "public" ? null : rule.action;
  const scope = action === null || access === null ? allTwins : access.scopeFor(principal, action);
  request.access = { principal, action, scope, rule };
  if (action !== null) checkPermission(request, principal.id, action, scope);
  const widened = rule.widenedBy;
  if (access && widened && widens((request.query as Record<string, unknown>)[widened.flag])) {
    if (access.scopeFor(principal, widened.action).kind !== "all" || scope.kind !== "all") {
      throw new DoppelError(
        "Forbidden",
        `The principal '${principal.id}' needs '${widened.action}' on the whole instance to use ${widened.flag}=true.`,
      );
    }
  }
  checkPathParams(request.params, rule, auth.limits);
  throttle(auth, request, reply, rule);
}

/**
 * Whether a query flag is on as the route reads it (the first value, `true` in any case), or
 * invalid (the route refuses it anyway): anything but absent or `false` needs the wider action.
 */
function widens(value: unknown): boolean {
  if (value === undefined) return false;
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return !(typeof first === "string" && first.toLowerCase() === "false");
}

/** Ends a callback-style hook with the outcome of work that may or may not be asynchronous. */
function settle(outcome: void | Promise<void>, done: (error?: Error) => void): void {
  if (outcome === undefined) done();
  else outcome.then(() => done(), done);
}

function checkPermission(
  request: FastifyRequest,
  principalId: string,
  action: string,
  scope: RequestAccess["scope"],
): void {
  if (scope.kind === "none") {
    throw new DoppelError(
      "Forbidden",
      `The principal '${principalId}' does not have permission to perform action '${action}'.`,
    );
  }
  if (scope.kind === "all") return;
  const check = request.access?.rule?.scope;
  const honoursScope = check === "query" && request.routeOptions.config?.appliesTwinScope === true;
  if ((check === "query" && !honoursScope) || check === "instanceOnly") {
    throw new DoppelError(
      "Forbidden",
      `The principal '${principalId}' may perform '${action}' only on some twins, and this operation cannot be limited to them yet.`,
    );
  }
}

function throttle(auth: AuthService, request: FastifyRequest, reply: FastifyReply, rule: RouteRule): void {
  const limits = auth.rateLimits;
  if (!limits.enabled || !rule.rate) return;
  const principalId = request.access!.principal.id;
  // Limits hold for the whole cluster: this node enforces its share (1 / live nodes).
  const nodes = auth.cluster.nodes;
  const perSecond = limits.perPrincipal[rule.rate];
  const nodeRate = perSecond / nodes;
  const wait = auth.buckets.take(`p:${rule.rate}:${principalId}`, nodeRate, nodeRate * limits.burstSeconds);
  if (wait > 0) {
    throw new DoppelError(
      "TooManyRequests",
      `Too many requests from this caller: the limit is ${perSecond} per second for ${rule.rate} operations. Please check Retry-After header to retry request.`,
      { headers: { "retry-after": String(wait) } },
    );
  }
  if (rule.twinWrite && rule.twinParam !== undefined) {
    const twinId = paramList(request)[rule.twinParam];
    if (twinId === undefined) return;
    const twinRate = limits.perTwin / nodes;
    const twinWait = auth.buckets.take(`t:${twinId}`, twinRate, twinRate * limits.burstSeconds);
    if (twinWait > 0) sendTwinThrottled(reply, twinId, twinWait);
  }
}

function paramList(request: FastifyRequest): string[] {
  const params = request.params;
  return typeof params === "object" && params !== null ? Object.values(params).map(String) : [];
}

const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes, admin calls and every refusal (401/403) go to the audit log; plain reads, queries and
 * telemetry (events, not changes of state) do not.
 */
function recordAudit(auth: AuthService, request: FastifyRequest, reply: FastifyReply): void {
  if (!auth.audit.enabled) return;
  const status = reply.statusCode;
  const access = request.access;
  const denied = status === 401 || status === 403;
  // Refused by address before authentication: a flood is not attributable, and must not fill the log.
  if (status === 429 && access === null) return;
  const isAdmin = request.url.startsWith("/admin/");
  const isQuery = access?.action === "Microsoft.DigitalTwins/query/action";
  if (!denied && !isAdmin && (readMethods.has(request.method) || isQuery)) return;
  if (access?.rule?.action === "public" || (access?.rule?.audit === false && !denied)) return;
  const url = request.routeOptions.url;
  const path = request.url.split("?")[0] ?? request.url;
  const twinParam = access?.rule?.twinParam;
  auth.audit.record({
    at: new Date().toISOString(),
    principal: access?.principal.id ?? "unauthenticated",
    clientAddress: request.clientAddress,
    action: access?.action ?? null,
    method: request.method,
    path,
    route: url === undefined ? null : routeKey(request.method, url),
    twinId: twinParam === undefined ? null : (paramList(request)[twinParam] ?? null),
    status,
    outcome: status < 400 ? "success" : denied ? "denied" : "failed",
    detail: request.authFailure,
  });
}

function applyServerTimeouts(app: FastifyInstance, auth: AuthService): void {
  const server = app.server;
  auth.connections.attach(server);
  server.headersTimeout = auth.limits.headersTimeoutMs;
  server.requestTimeout = Math.max(auth.limits.requestTimeoutMs, auth.limits.headersTimeoutMs);
  server.keepAliveTimeout = auth.limits.keepAliveTimeoutMs;
  server.timeout = auth.limits.idleTimeoutMs;
  // Node enforces the header and request timeouts by sweeping its connections at this interval
  // (30 s by default, which would let a slow client hold a socket for up to 50 s instead of 20).
  // Read when the server starts listening, so setting it here, before listen, takes effect.
  (server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.max(
    10,
    Math.min(1000, Math.floor(auth.limits.headersTimeoutMs / 4)),
  );
}
