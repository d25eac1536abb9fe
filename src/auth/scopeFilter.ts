import type { TwinScope } from "./twinScope.js";

/**
 * The twins one request may touch, after combining every assignment that grants its action:
 * `all` (some grant is instance-wide), `none`, or the union of narrower scopes. Plain data, so the
 * query compilers and the store can each render it.
 */
export type ScopeFilter =
  | { readonly kind: "all" }
  | { readonly kind: "none" }
  | { readonly kind: "some"; readonly scopes: readonly Exclude<TwinScope, { kind: "instance" }>[] };

export const allTwins: ScopeFilter = { kind: "all" };
export const noTwins: ScopeFilter = { kind: "none" };

export function unionOfScopes(scopes: readonly TwinScope[]): ScopeFilter {
  if (scopes.length === 0) return noTwins;
  const narrow: Exclude<TwinScope, { kind: "instance" }>[] = [];
  for (const scope of scopes) {
    if (scope.kind === "instance") return allTwins;
    narrow.push(scope);
  }
  return { kind: "some", scopes: narrow };
}
