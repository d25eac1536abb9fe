import type { AuthStore } from "../store/ports/authStore.js";
import type { ConfiguredAccess } from "./accessSnapshot.js";
import { AccessSnapshot } from "./accessSnapshot.js";
import { AuditRecorder } from "./auditRecorder.js";
import { authenticateApiKey } from "./authenticateApiKey.js";
import { AuthenticationError } from "./authenticationError.js";
import type { AuthMethod, AuthOptions } from "./authOptions.js";
import { ClusterShare } from "./clusterShare.js";
import { ConnectionLimiter } from "./connectionLimiter.js";
import { createJwtVerifier, type JwtVerifier } from "./jwtVerifier.js";
import { anonymousPrincipal, type Principal } from "./principal.js";
import { defaultRateLimits, type RateLimitOptions } from "./rateLimitOptions.js";
import { defaultRequestLimits, type RequestLimits } from "./requestLimits.js";
import { parseRoleAssignment } from "./roleAssignment.js";
import { parseRoleDefinition } from "./roleDefinition.js";
import type { RouteRule } from "./routeRules.js";
import { TokenBuckets } from "./tokenBuckets.js";
import { parseTrustProxyHeader, TrustedProxies } from "./trustedProxies.js";

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly rule: RouteRule | undefined;
}

/** The security layer's state, shared by every listener: one field of `Services`. */
export interface AuthService {
  readonly mode: "none" | readonly AuthMethod[];
  readonly limits: RequestLimits;
  readonly rateLimits: RateLimitOptions;
  readonly store: AuthStore;
  readonly audit: AuditRecorder;
  readonly buckets: TokenBuckets;
  /** Open connections per client address (`rateLimits.connectionsPerIp`). */
  readonly connections: ConnectionLimiter;
  /**
   * `rateLimits.trustProxy` and `rateLimits.trustProxyHeader`, parsed once; null when no proxy is
   * trusted (the default).
   */
  readonly proxies: TrustedProxies | null;
  /** This node's share of the cluster-wide limits (per principal, per twin). */
  readonly cluster: ClusterShare;
  /** Start-up warnings the CLI prints loudly (e.g. authentication is off). */
  readonly warnings: readonly string[];
  /** Every route registered on any listener, with its access rule (for the coverage test and docs). */
  readonly routes: RegisteredRoute[];
  /** Resolves the `Authorization` header to a principal, or throws AuthenticationError. */
  authenticate(authorization: string | undefined): Promise<Principal>;
  /** Whether authenticating this header would check a JWT signature (the expensive case). */
  needsSignatureCheck(authorization: string | undefined): boolean;
  /** Current keys, roles and assignments (cached; see `cacheTtlMs`). */
  access(): Promise<AccessSnapshot>;
  /** Forget the cache after a change made through this server. */
  invalidate(): void;
  close(): Promise<void>;
}

export interface AuthContext {
  /** Whether every listener is bound to loopback; mode `none` is refused otherwise. */
  readonly loopbackOnly: boolean;
  readonly now?: () => number;
}

export function createAuthService(store: AuthStore, options: AuthOptions = {}, context?: AuthContext): AuthService {
  const loopbackOnly = context?.loopbackOnly ?? true;
  const now = context?.now ?? Date.now;
  const mode = resolveMode(options, loopbackOnly);
  const jwt: JwtVerifier | null = mode !== "none" && mode.includes("jwt") ? jwtVerifierFor(options) : null;
  const configured = configuredAccess(options);
  const limits: RequestLimits = { ...defaultRequestLimits, ...options.limits };
  const { trustProxy, trustProxyHeader, ...rateOverrides } = options.rateLimits ?? {};
  const origins = options.settingOrigins;
  const header = parseTrustProxyHeader(
    trustProxyHeader ?? "x-forwarded-for",
    origins?.trustProxyHeader ?? "rateLimits.trustProxyHeader",
  );
  const proxies =
    trustProxy === undefined
      ? null
      : TrustedProxies.parse(trustProxy, origins?.trustProxy ?? "rateLimits.trustProxy", header);
  const rateLimits: RateLimitOptions = {
    ...defaultRateLimits,
    enabled: mode !== "none",
    ...rateOverrides,
    perPrincipal: { ...defaultRateLimits.perPrincipal, ...options.rateLimits?.perPrincipal },
  };
  const audit = new AuditRecorder(store, {
    // Mode none has one anonymous caller: nothing to attribute, so no log unless asked for.
    enabled: options.audit?.enabled ?? mode !== "none",
    retentionDays: options.audit?.retentionDays ?? 90,
  });
  const ttl = options.cacheTtlMs ?? 1000;
  let snapshot: AccessSnapshot | null = null;
  let checkedAt = 0;
  let dirty = true;
  let loading: Promise<AccessSnapshot> | null = null;

  const load = async (): Promise<AccessSnapshot> => {
    const wasDirty = dirty;
    dirty = false;
    const version = await store.version();
    if (!snapshot || wasDirty || version !== snapshot.version) {
      snapshot = new AccessSnapshot(await store.loadAccess(), configured);
    }
    checkedAt = now();
    return snapshot;
  };

  const service: AuthService = {
    mode,
    limits,
    rateLimits,
    store,
    audit,
    buckets: new TokenBuckets(now),
    connections: new ConnectionLimiter(rateLimits.enabled ? rateLimits.connectionsPerIp : 0, proxies),
    proxies,
    cluster: new ClusterShare(),
    warnings: mode === "none" ? [noneWarning] : [],
    routes: [],
    async authenticate(authorization) {
      if (mode === "none") return anonymousPrincipal;
      const token = bearerToken(authorization);
      if (token.startsWith("dpk_")) {
        if (!mode.includes("apikey")) throw new AuthenticationError("API keys are not enabled");
        return authenticateApiKey(token, await service.access(), now());
      }
      if (!jwt) throw new AuthenticationError("JWT bearer tokens are not enabled");
      return jwt.verify(token);
    },
    needsSignatureCheck(authorization) {
      if (!jwt || authorization === undefined) return false;
      const match = bearerPattern.exec(authorization);
      return match !== null && !match[1]!.startsWith("dpk_") && !jwt.isVerified(match[1]!);
    },
    access() {
      if (snapshot && !dirty && now() - checkedAt < ttl) return Promise.resolve(snapshot);
      loading ??= load().finally(() => {
        loading = null;
      });
      return loading;
    },
    invalidate() {
      dirty = true;
    },
    async close() {
      await service.cluster.stop();
      await audit.flush();
    },
  };
  return service;
}

const noneWarning =
  "AUTHENTICATION IS OFF (auth mode 'none'): every caller that can reach this server may read and change " +
  "everything. This mode is only allowed while bound to loopback; use --auth jwt and/or apikey otherwise.";

function resolveMode(options: AuthOptions, loopbackOnly: boolean): "none" | readonly AuthMethod[] {
  const mode = options.mode ?? (loopbackOnly ? "none" : undefined);
  if (mode === undefined) {
    throw new Error(
      "refusing to start: the server is bound to a non-loopback address and no authentication mode is set " +
        "(use --auth jwt, --auth apikey or --auth jwt,apikey)",
    );
  }
  if (mode === "none" && !loopbackOnly) {
    throw new Error("refusing to start: auth mode 'none' is only allowed while bound to loopback (127.0.0.1 or ::1)");
  }
  if (mode !== "none" && mode.length === 0) throw new Error("auth mode must name at least one method");
  return mode;
}

function jwtVerifierFor(options: AuthOptions): JwtVerifier {
  if (!options.jwt)
    throw new Error("auth mode 'jwt' needs jwt settings (issuer, audience and keys, jwksUri or discovery)");
  return createJwtVerifier(options.jwt);
}

function configuredAccess(options: AuthOptions): ConfiguredAccess {
  const roles = Object.entries(options.roles ?? {}).map(([name, body]) => parseRoleDefinition(name, body, "config"));
  const assignments = Object.entries(options.roleAssignments ?? {}).map(([id, body]) =>
    parseRoleAssignment(id, body, "config"),
  );
  return { roles, assignments };
}

const bearerPattern = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i;

function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined) throw new AuthenticationError("no Authorization header");
  const match = bearerPattern.exec(authorization);
  if (!match) throw new AuthenticationError("the Authorization header is not 'Bearer <token>'");
  return match[1]!;
}
