import type { JwtOptions } from "./authOptions.js";
import type { Principal } from "./principal.js";
export interface JwtVerifier {
    /** Verifies signature, issuer, audience, expiry (required) and not-before, then names the principal. */
    verify(token: string): Promise<Principal>;
}
export declare function createJwtVerifier(options: JwtOptions): JwtVerifier;
