import type { AuthOptions, JwtOptions } from "./authOptions.js";
import { loadAuthConfigFile, parseAuthMode } from "./loadAuthConfigFile.js";
import { TrustedProxies } from "./trustedProxies.js";

/** The `doppel serve` flags that configure security. */
export const authCliFlags = {
  auth: { type: "string" },
  "auth-config": { type: "string" },
  "jwt-issuer": { type: "string" },
  "jwt-audience": { type: "string" },
  "jwt-jwks-uri": { type: "string" },
  "trust-proxy": { type: "string" },
} as const;

export const authCliUsage = `  --auth MODE         none | jwt | apikey | jwt,apikey (default: none on loopback; required otherwise)
  --auth-config FILE  JSON security settings: jwt, roles, roleAssignments, limits, rateLimits, audit
  --jwt-issuer URL    expected token issuer (OIDC discovery from its /.well-known/openid-configuration)
  --jwt-audience AUD  expected token audience (e.g. https://digitaltwins.azure.net)
  --jwt-jwks-uri URL  signing keys, instead of discovery
  --trust-proxy LIST  reverse proxies whose X-Forwarded-For / Forwarded name the client for the
                      per-address limits: addresses, CIDR ranges, loopback, private (comma-separated;
                      default: none, the TCP peer counts)`;

/** Flags override the file; the file overrides defaults. */
export function authOptionsFromCli(values: {
  auth?: string;
  "auth-config"?: string;
  "jwt-issuer"?: string;
  "jwt-audience"?: string;
  "jwt-jwks-uri"?: string;
  "trust-proxy"?: string;
}): AuthOptions {
  const file = values["auth-config"] === undefined ? {} : loadAuthConfigFile(values["auth-config"]);
  const mode = values.auth === undefined ? file.mode : parseAuthMode(values.auth);
  const jwtFlags: Partial<{ -readonly [K in keyof JwtOptions]: JwtOptions[K] }> = {};
  if (values["jwt-issuer"] !== undefined) jwtFlags.issuer = values["jwt-issuer"];
  if (values["jwt-audience"] !== undefined) jwtFlags.audience = values["jwt-audience"];
  if (values["jwt-jwks-uri"] !== undefined) jwtFlags.jwksUri = values["jwt-jwks-uri"];
  const jwt = Object.keys(jwtFlags).length > 0 ? ({ ...file.jwt, ...jwtFlags } as JwtOptions) : file.jwt;
  const trustProxy = values["trust-proxy"];
  // Checked here so that a typo names the flag rather than the config setting.
  if (trustProxy !== undefined) TrustedProxies.parse(trustProxy, "--trust-proxy");
  const rateLimits = trustProxy === undefined ? file.rateLimits : { ...file.rateLimits, trustProxy };
  return {
    ...file,
    ...(mode === undefined ? {} : { mode }),
    ...(jwt === undefined ? {} : { jwt }),
    ...(rateLimits === undefined ? {} : { rateLimits }),
  };
}
