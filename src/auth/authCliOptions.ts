import type { AuthOptions, JwtOptions } from "./authOptions.js";
import { loadAuthConfigFile, parseAuthMode } from "./loadAuthConfigFile.js";

/** The `doppel serve` flags that configure security. */
export const authCliFlags = {
  auth: { type: "string" },
  "auth-config": { type: "string" },
  "jwt-issuer": { type: "string" },
  "jwt-audience": { type: "string" },
  "jwt-jwks-uri": { type: "string" },
  "trust-proxy": { type: "string" },
  "trust-proxy-header": { type: "string" },
} as const;

export const authCliUsage = `  --auth MODE         none | jwt | apikey | jwt,apikey (default: none on loopback; required otherwise)
  --auth-config FILE  JSON security settings: jwt, roles, roleAssignments, limits, rateLimits, audit
  --jwt-issuer URL    expected token issuer (OIDC discovery from its /.well-known/openid-configuration)
  --jwt-audience AUD  expected token audience (e.g. https://digitaltwins.azure.net)
  --jwt-jwks-uri URL  signing keys, instead of discovery
  --trust-proxy LIST  reverse proxies whose forwarded header names the client for the per-address
                      limits and the audit log: addresses, CIDR ranges, loopback, private
                      (comma-separated; default: none, the TCP peer counts)
  --trust-proxy-header NAME
                      the one header those proxies write (overwrite or append to):
                      x-forwarded-for (default) | forwarded; the other is never read`;

/** Flags override the file; the file overrides defaults. */
export function authOptionsFromCli(values: {
  auth?: string;
  "auth-config"?: string;
  "jwt-issuer"?: string;
  "jwt-audience"?: string;
  "jwt-jwks-uri"?: string;
  "trust-proxy"?: string;
  "trust-proxy-header"?: string;
}): AuthOptions {
  const file = values["auth-config"] === undefined ? {} : loadAuthConfigFile(values["auth-config"]);
  const mode = values.auth === undefined ? file.mode : parseAuthMode(values.auth);
  const jwtFlags: Partial<{ -readonly [K in keyof JwtOptions]: JwtOptions[K] }> = {};
  if (values["jwt-issuer"] !== undefined) jwtFlags.issuer = values["jwt-issuer"];
  if (values["jwt-audience"] !== undefined) jwtFlags.audience = values["jwt-audience"];
  if (values["jwt-jwks-uri"] !== undefined) jwtFlags.jwksUri = values["jwt-jwks-uri"];
  const jwt = Object.keys(jwtFlags).length > 0 ? ({ ...file.jwt, ...jwtFlags } as JwtOptions) : file.jwt;
  const trustProxy = values["trust-proxy"];
  const trustProxyHeader = values["trust-proxy-header"];
  const proxyFlags = {
    ...(trustProxy === undefined ? {} : { trustProxy }),
    ...(trustProxyHeader === undefined ? {} : { trustProxyHeader }),
  };
  const flagged = Object.keys(proxyFlags).length > 0;
  const rateLimits = flagged ? { ...file.rateLimits, ...proxyFlags } : file.rateLimits;
  // Checked when the server starts (`createAuthService`), naming the flag rather than the config setting.
  const settingOrigins = {
    ...(trustProxy === undefined ? {} : { trustProxy: "--trust-proxy" }),
    ...(trustProxyHeader === undefined ? {} : { trustProxyHeader: "--trust-proxy-header" }),
  };
  return {
    ...file,
    ...(mode === undefined ? {} : { mode }),
    ...(jwt === undefined ? {} : { jwt }),
    ...(rateLimits === undefined ? {} : { rateLimits }),
    ...(flagged ? { settingOrigins } : {}),
  };
}
