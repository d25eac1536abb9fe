import { loadAuthConfigFile, parseAuthMode } from "./loadAuthConfigFile.js";
/** The `doppel serve` flags that configure security. */
export const authCliFlags = {
    auth: { type: "string" },
    "auth-config": { type: "string" },
    "jwt-issuer": { type: "string" },
    "jwt-audience": { type: "string" },
    "jwt-jwks-uri": { type: "string" },
};
export const authCliUsage = `  --auth MODE         none | jwt | apikey | jwt,apikey (default: none on loopback; required otherwise)
  --auth-config FILE  JSON security settings: jwt, roles, roleAssignments, limits, rateLimits, audit
  --jwt-issuer URL    expected token issuer (OIDC discovery from its /.well-known/openid-configuration)
  --jwt-audience AUD  expected token audience (e.g. https://digitaltwins.azure.net)
  --jwt-jwks-uri URL  signing keys, instead of discovery`;
/** Flags override the file; the file overrides defaults. */
export function authOptionsFromCli(values) {
    const file = values["auth-config"] === undefined ? {} : loadAuthConfigFile(values["auth-config"]);
    const mode = values.auth === undefined ? file.mode : parseAuthMode(values.auth);
    const jwtFlags = {};
    if (values["jwt-issuer"] !== undefined)
        jwtFlags.issuer = values["jwt-issuer"];
    if (values["jwt-audience"] !== undefined)
        jwtFlags.audience = values["jwt-audience"];
    if (values["jwt-jwks-uri"] !== undefined)
        jwtFlags.jwksUri = values["jwt-jwks-uri"];
    const jwt = Object.keys(jwtFlags).length > 0 ? { ...file.jwt, ...jwtFlags } : file.jwt;
    return { ...file, ...(mode === undefined ? {} : { mode }), ...(jwt === undefined ? {} : { jwt }) };
}
//# sourceMappingURL=authCliOptions.js.map