import {
  createLocalJWKSet,
  createRemoteJWKSet,
  importSPKI,
  importX509,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { AuthenticationError } from "./authenticationError.js";
import type { JwtOptions, StaticJwtKey } from "./authOptions.js";
import { discoverJwksUri, wellKnownUrl } from "./oidcDiscovery.js";
import type { Principal } from "./principal.js";

const asymmetric = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const symmetric = ["HS256", "HS384", "HS512"];

type KeySource = JWTVerifyGetKey | Uint8Array | Awaited<ReturnType<typeof importSPKI>>;

export interface JwtVerifier {
  /** Verifies signature, issuer, audience, expiry (required) and not-before, then names the principal. */
  verify(token: string): Promise<Principal>;
  /** Whether `verify` would answer from its cache, without checking a signature. */
  isVerified(token: string): boolean;
}

export function createJwtVerifier(options: JwtOptions): JwtVerifier {
  validateJwtOptions(options);
  const issuers = typeof options.issuer === "string" ? [options.issuer] : [...options.issuer];
  const audiences = typeof options.audience === "string" ? [options.audience] : [...options.audience];
  const hasSecret = options.keys?.some((key) => "secret" in key) ?? false;
  const algorithms = options.algorithms ? [...options.algorithms] : [...asymmetric, ...(hasSecret ? symmetric : [])];
  const clockTolerance = options.clockSkewSeconds ?? 60;
  const sources = keySources(options, issuers);

  const verified = new VerifiedTokens(clockTolerance);
  return {
    async verify(token) {
      const cached = verified.get(token);
      if (cached) return cached;
      let lastError: unknown;
      for (const source of await sources()) {
        let payload: JWTPayload;
        try {
          ({ payload } = await jwtVerify(token, source as JWTVerifyGetKey, {
            issuer: issuers,
            audience: audiences,
            algorithms,
            clockTolerance,
            requiredClaims: ["exp"],
          }));
        } catch (error) {
          lastError = error;
          continue;
        }
        const principal = principalFromClaims(payload, options);
        verified.set(token, principal, payload);
        return principal;
      }
      throw new AuthenticationError(`JWT rejected: ${(lastError as Error | undefined)?.message ?? "no key"}`);
    },
    isVerified: (token) => verified.get(token) !== undefined,
  };
}

function validateJwtOptions(options: JwtOptions): void {
  const listed = (value: string | readonly string[]) => (typeof value === "string" ? [value] : value);
  if (!options.issuer || listed(options.issuer).length === 0 || listed(options.issuer).some((i) => !i)) {
    throw new Error("jwt.issuer is required");
  }
  if (!options.audience || listed(options.audience).length === 0 || listed(options.audience).some((a) => !a)) {
    throw new Error("jwt.audience is required");
  }
}

/**
 * Static keys, a JWKS URL, or OIDC discovery (in that order of preference). Discovery runs on
 * first use and is retried on the next token after a failure, so a server can start while its
 * identity provider is briefly unreachable.
 */
function keySources(options: JwtOptions, issuers: string[]): () => Promise<KeySource[]> {
  if (options.keys && options.keys.length > 0) {
    const imported = Promise.all(options.keys.map(importStaticKey));
    return () => imported;
  }
  if (options.jwksUri) {
    const remote = [createRemoteJWKSet(new URL(options.jwksUri))];
    return async () => remote;
  }
  if (issuers.length !== 1 && !options.discoveryUrl) {
    throw new Error("jwt: OIDC discovery needs a single issuer (or jwt.discoveryUrl, jwt.jwksUri or jwt.keys)");
  }
  const issuer = issuers[0]!;
  const url = options.discoveryUrl ?? wellKnownUrl(issuer);
  let discovered: Promise<KeySource[]> | null = null;
  return () => {
    discovered ??= discoverJwksUri(url, issuer).then(
      (jwksUri) => [createRemoteJWKSet(new URL(jwksUri))],
      (error: unknown) => {
        discovered = null;
        throw error;
      },
    );
    return discovered;
  };
}

async function importStaticKey(key: StaticJwtKey): Promise<KeySource> {
  if ("jwk" in key) return createLocalJWKSet({ keys: [key.jwk as any] });
  if ("secret" in key) return new TextEncoder().encode(key.secret);
  return key.pem.includes("BEGIN CERTIFICATE") ? importX509(key.pem, key.alg) : importSPKI(key.pem, key.alg);
}

function principalFromClaims(payload: JWTPayload, options: JwtOptions): Principal {
  const subject = typeof payload.sub === "string" ? payload.sub : undefined;
  const objectId = typeof payload.oid === "string" ? payload.oid : undefined;
  const named = options.principalClaim ? claim(payload, options.principalClaim) : (objectId ?? subject);
  if (typeof named !== "string" || named === "") {
    throw new AuthenticationError(`JWT has no ${options.principalClaim ?? "oid or sub"} claim`);
  }
  return {
    kind: "user",
    id: named,
    subject,
    objectId,
    issuer: payload.iss,
    groups: stringList(claim(payload, options.groupsClaim ?? "groups")),
    roles: stringList(claim(payload, options.rolesClaim ?? "roles")),
  };
}

function claim(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/**
 * Tokens already verified, so a client reusing its token (the SDK does, for up to an hour) costs
 * one signature check instead of one per request. An entry lives until the token expires (plus
 * the clock skew) and at most five minutes, so a signing key withdrawn from the JWKS stops
 * working within that time; the map is cleared when it grows past 10,000 tokens.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { principal: Principal; until: number; notBefore: number }>();

  constructor(private readonly skewSeconds: number) {}

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const now = Date.now();
    if (now >= entry.until || now < entry.notBefore) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, payload: JWTPayload): void {
    if (this.entries.size >= 10_000) this.entries.clear();
    const skew = this.skewSeconds * 1000;
    const expires = (payload.exp ?? 0) * 1000 + skew;
    const notBefore = payload.nbf === undefined ? 0 : payload.nbf * 1000 - skew;
    this.entries.set(token, { principal, until: Math.min(expires, Date.now() + 300_000), notBefore });
  }
}
