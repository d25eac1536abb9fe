import type { AuthOptions } from "./authOptions.js";
/** The `doppel serve` flags that configure security. */
export declare const authCliFlags: {
    readonly auth: {
        readonly type: "string";
    };
    readonly "auth-config": {
        readonly type: "string";
    };
    readonly "jwt-issuer": {
        readonly type: "string";
    };
    readonly "jwt-audience": {
        readonly type: "string";
    };
    readonly "jwt-jwks-uri": {
        readonly type: "string";
    };
};
export declare const authCliUsage = "  --auth MODE         none | jwt | apikey | jwt,apikey (default: none on loopback; required otherwise)\n  --auth-config FILE  JSON security settings: jwt, roles, roleAssignments, limits, rateLimits, audit\n  --jwt-issuer URL    expected token issuer (OIDC discovery from its /.well-known/openid-configuration)\n  --jwt-audience AUD  expected token audience (e.g. https://digitaltwins.azure.net)\n  --jwt-jwks-uri URL  signing keys, instead of discovery";
/** Flags override the file; the file overrides defaults. */
export declare function authOptionsFromCli(values: {
    auth?: string;
    "auth-config"?: string;
    "jwt-issuer"?: string;
    "jwt-audience"?: string;
    "jwt-jwks-uri"?: string;
}): AuthOptions;
