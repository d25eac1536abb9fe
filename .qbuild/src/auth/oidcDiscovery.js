import { AuthenticationError } from "./authenticationError.js";
/**
 * Finds the JWKS address from an OpenID Provider's discovery document, and checks that the
 * document speaks for the configured issuer (a mismatch means the wrong tenant or a hostile
 * redirect, and no key from it may be trusted).
 */
export async function discoverJwksUri(discoveryUrl, issuer, timeoutMs = 5000) {
    let response;
    try {
        response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    }
    catch (error) {
        throw new AuthenticationError(`OIDC discovery at ${discoveryUrl} failed: ${error.message}`);
    }
    if (!response.ok)
        throw new AuthenticationError(`OIDC discovery at ${discoveryUrl} answered ${response.status}`);
    const document = (await response.json().catch(() => null));
    if (!document || typeof document.jwks_uri !== "string") {
        throw new AuthenticationError(`OIDC discovery at ${discoveryUrl} has no jwks_uri`);
    }
    if (document.issuer !== issuer) {
        throw new AuthenticationError(`OIDC discovery at ${discoveryUrl} is for issuer ${JSON.stringify(document.issuer)}, not ${issuer}`);
    }
    return document.jwks_uri;
}
export function wellKnownUrl(issuer) {
    return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}
//# sourceMappingURL=oidcDiscovery.js.map