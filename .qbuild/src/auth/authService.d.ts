import type { AuthStore } from "../store/ports/authStore.js";
import { AccessSnapshot } from "./accessSnapshot.js";
import { AuditRecorder } from "./auditRecorder.js";
import type { AuthMethod, AuthOptions } from "./authOptions.js";
import { type Principal } from "./principal.js";
import { type RateLimitOptions } from "./rateLimitOptions.js";
import { type RequestLimits } from "./requestLimits.js";
import type { RouteRule } from "./routeRules.js";
import { TokenBuckets } from "./tokenBuckets.js";
export interface RegisteredRoute {
    readonly method: string;
    readonly url: string;
    readonly rule: RouteRule | undefined;
}
/** The security layer's state, shared by every listener: one field of `Services`. */
export interface AuthService {
    readonly mode: "none" | readonly AuthMethod[];
    readonly limits: RequestLimits;
    readonly rateLimits: RateLimitOptions;
    readonly store: AuthStore;
    readonly audit: AuditRecorder;
    readonly buckets: TokenBuckets;
    /** Start-up warnings the CLI prints loudly (e.g. authentication is off). */
    readonly warnings: readonly string[];
    /** Every route registered on any listener, with its access rule (for the coverage test and docs). */
    readonly routes: RegisteredRoute[];
    /** Resolves the `Authorization` header to a principal, or throws AuthenticationError. */
    authenticate(authorization: string | undefined): Promise<Principal>;
    /** Current keys, roles and assignments (cached; see `cacheTtlMs`). */
    access(): Promise<AccessSnapshot>;
    /** Forget the cache after a change made through this server. */
    invalidate(): void;
    close(): Promise<void>;
}
export interface AuthContext {
    /** Whether every listener is bound to loopback; mode `none` is refused otherwise. */
    readonly loopbackOnly: boolean;
    readonly now?: () => number;
}
export declare function createAuthService(store: AuthStore, options?: AuthOptions, context?: AuthContext): AuthService;
