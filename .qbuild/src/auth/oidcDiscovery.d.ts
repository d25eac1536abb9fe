/**
 * Finds the JWKS address from an OpenID Provider's discovery document, and checks that the
 * document speaks for the configured issuer (a mismatch means the wrong tenant or a hostile
 * redirect, and no key from it may be trusted).
 */
export declare function discoverJwksUri(discoveryUrl: string, issuer: string, timeoutMs?: number): Promise<string>;
export declare function wellKnownUrl(issuer: string): string;
