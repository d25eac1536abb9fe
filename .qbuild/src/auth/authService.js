import { AccessSnapshot } from "./accessSnapshot.js";
import { parseApiKey } from "./apiKeySecret.js";
import { AuditRecorder } from "./auditRecorder.js";
import { authenticateApiKey } from "./authenticateApiKey.js";
import { AuthenticationError } from "./authenticationError.js";
import { createJwtVerifier } from "./jwtVerifier.js";
import { anonymousPrincipal } from "./principal.js";
import { defaultRateLimits } from "./rateLimitOptions.js";
import { defaultRequestLimits } from "./requestLimits.js";
import { parseRoleAssignment } from "./roleAssignment.js";
import { parseRoleDefinition } from "./roleDefinition.js";
import { TokenBuckets } from "./tokenBuckets.js";
export function createAuthService(store, options = {}, context) {
    const loopbackOnly = context?.loopbackOnly ?? true;
    const now = context?.now ?? Date.now;
    const mode = resolveMode(options, loopbackOnly);
    const jwt = mode !== "none" && mode.includes("jwt") ? jwtVerifierFor(options) : null;
    const configured = configuredAccess(options);
    const limits = { ...defaultRequestLimits, ...options.limits };
    const rateLimits = {
        ...defaultRateLimits,
        enabled: mode !== "none",
        ...options.rateLimits,
        perPrincipal: { ...defaultRateLimits.perPrincipal, ...options.rateLimits?.perPrincipal },
    };
    const audit = new AuditRecorder(store, {
        // Mode none has one anonymous caller: nothing to attribute, so no log unless asked for.
        enabled: options.audit?.enabled ?? mode !== "none",
        retentionDays: options.audit?.retentionDays ?? 90,
    });
    const ttl = options.cacheTtlMs ?? 1000;
    let snapshot = null;
    let checkedAt = 0;
    let dirty = true;
    let loading = null;
    const load = async () => {
        const wasDirty = dirty;
        dirty = false;
        const version = await store.version();
        if (!snapshot || wasDirty || version !== snapshot.version) {
            snapshot = new AccessSnapshot(await store.loadAccess(), configured);
        }
        checkedAt = now();
        return snapshot;
    };
    const service = {
        mode,
        limits,
        rateLimits,
        store,
        audit,
        buckets: new TokenBuckets(now),
        warnings: mode === "none" ? [noneWarning] : [],
        routes: [],
        async authenticate(authorization) {
            if (mode === "none")
                return anonymousPrincipal;
            const token = bearerToken(authorization);
            if (parseApiKey(token) !== null || token.startsWith("dpk_")) {
                if (!mode.includes("apikey"))
                    throw new AuthenticationError("API keys are not enabled");
                return authenticateApiKey(token, await service.access(), now());
            }
            if (!jwt)
                throw new AuthenticationError("JWT bearer tokens are not enabled");
            return jwt.verify(token);
        },
        access() {
            if (snapshot && !dirty && now() - checkedAt < ttl)
                return Promise.resolve(snapshot);
            loading ??= load().finally(() => {
                loading = null;
            });
            return loading;
        },
        invalidate() {
            dirty = true;
        },
        close: () => audit.flush(),
    };
    return service;
}
const noneWarning = "AUTHENTICATION IS OFF (auth mode 'none'): every caller that can reach this server may read and change " +
    "everything. This mode is only allowed while bound to loopback; use --auth jwt and/or apikey otherwise.";
function resolveMode(options, loopbackOnly) {
    const mode = options.mode ?? (loopbackOnly ? "none" : undefined);
    if (mode === undefined) {
        throw new Error("refusing to start: the server is bound to a non-loopback address and no authentication mode is set " +
            "(use --auth jwt, --auth apikey or --auth jwt,apikey)");
    }
    if (mode === "none" && !loopbackOnly) {
        throw new Error("refusing to start: auth mode 'none' is only allowed while bound to loopback (127.0.0.1 or ::1)");
    }
    if (mode !== "none" && mode.length === 0)
        throw new Error("auth mode must name at least one method");
    return mode;
}
function jwtVerifierFor(options) {
    if (!options.jwt)
        throw new Error("auth mode 'jwt' needs jwt settings (issuer, audience and keys, jwksUri or discovery)");
    return createJwtVerifier(options.jwt);
}
function configuredAccess(options) {
    const roles = Object.entries(options.roles ?? {}).map(([name, body]) => parseRoleDefinition(name, body, "config"));
    const assignments = Object.entries(options.roleAssignments ?? {}).map(([id, body]) => parseRoleAssignment(id, body, "config"));
    return { roles, assignments };
}
function bearerToken(authorization) {
    if (authorization === undefined)
        throw new AuthenticationError("no Authorization header");
    const match = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i.exec(authorization);
    if (!match)
        throw new AuthenticationError("the Authorization header is not 'Bearer <token>'");
    return match[1];
}
//# sourceMappingURL=authService.js.map