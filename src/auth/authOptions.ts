import type { RateLimitOptions } from "./rateLimitOptions.js";
import type { RequestLimits } from "./requestLimits.js";

/** How callers prove who they are. Both may be on at once. */
export type AuthMethod = "jwt" | "apikey";

/** A verification key given in configuration instead of fetched from the identity provider. */
export type StaticJwtKey =
  /** A public JWK (its `kid` and `alg` are honoured). */
  | { readonly jwk: Readonly<Record<string, unknown>> }
  /** A PEM public key (SPKI) or certificate, with the algorithm it signs with. */
  | { readonly pem: string; readonly alg: string }
  /** A shared secret for HS256/384/512. */
  | { readonly secret: string; readonly alg?: string };

export interface JwtOptions {
  /** Expected `iss`; with discovery, also where `/.well-known/openid-configuration` lives. */
  readonly issuer: string | readonly string[];
  /** Expected `aud` (any of). */
  readonly audience: string | readonly string[];
  /** Where the signing keys are; when absent (and no static keys) OIDC discovery finds it. */
  readonly jwksUri?: string;
  /** Overrides the discovery document's address (defaults to the issuer's well-known URL). */
  readonly discoveryUrl?: string;
  readonly keys?: readonly StaticJwtKey[];
  /** Tolerance for `exp`/`nbf`, in seconds (default 60). */
  readonly clockSkewSeconds?: number;
  /** Accepted `alg` values (default: the asymmetric ones, plus HS* when a secret is configured). */
  readonly algorithms?: readonly string[];
  /** Claim naming the principal (default `oid`, falling back to `sub`). Dotted paths reach nested claims. */
  readonly principalClaim?: string;
  /** Claim with group ids (default `groups`). */
  readonly groupsClaim?: string;
  /** Claim with app roles (default `roles`; Keycloak: `realm_access.roles`). */
  readonly rolesClaim?: string;
}

/** Everything configurable about security; the same shape as the `--auth-config` file. */
export interface AuthOptions {
  /** Default: `none` when bound to loopback; any other host must choose. */
  readonly mode?: "none" | readonly AuthMethod[];
  readonly jwt?: JwtOptions;
  /** Custom roles by name, read-only through the admin API. */
  readonly roles?: Readonly<Record<string, unknown>>;
  /** Role assignments by id, read-only through the admin API. */
  readonly roleAssignments?: Readonly<Record<string, unknown>>;
  readonly limits?: Partial<RequestLimits>;
  readonly rateLimits?: Partial<Omit<RateLimitOptions, "perPrincipal">> & {
    readonly perPrincipal?: Partial<RateLimitOptions["perPrincipal"]>;
    /**
     * Reverse proxies and load balancers whose forwarded header names the client the per-address
     * limits count and the audit log records: addresses, CIDR ranges, `loopback`, `private`, as a
     * comma-separated list or an array (`--trust-proxy` overrides it). Unset: none, and the TCP
     * peer is the client (`trustedProxies.ts`, `forwardedClient.ts`). Parsed into
     * `AuthService.proxies`.
     */
    readonly trustProxy?: string | readonly string[];
    /**
     * The one header those proxies write: `x-forwarded-for` (the default) or `forwarded`
     * (`--trust-proxy-header` overrides it). The other is never read.
     */
    readonly trustProxyHeader?: string;
  };
  readonly audit?: { readonly enabled?: boolean; readonly retentionDays?: number };
  /** How long cached keys, roles and assignments are trusted before the store's version is checked. */
  readonly cacheTtlMs?: number;
  /**
   * The `doppel serve` flags that set settings checked at start-up (`authOptionsFromCli`), so that
   * an error names the flag the value came from rather than the config setting. Not a config file key.
   */
  readonly settingOrigins?: { readonly trustProxy?: string; readonly trustProxyHeader?: string };
}
