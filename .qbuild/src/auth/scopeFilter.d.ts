import type { TwinScope } from "./twinScope.js";
/**
 * The twins one request may touch, after combining every assignment that grants its action:
 * `all` (some grant is instance-wide), `none`, or the union of narrower scopes. Plain data, so the
 * query compilers and the store can each render it.
 */
export type ScopeFilter = {
    readonly kind: "all";
} | {
    readonly kind: "none";
} | {
    readonly kind: "some";
    readonly scopes: readonly Exclude<TwinScope, {
        kind: "instance";
    }>[];
};
export declare const allTwins: ScopeFilter;
export declare const noTwins: ScopeFilter;
export declare function unionOfScopes(scopes: readonly TwinScope[]): ScopeFilter;
