/**
 * Which twins an assignment reaches. Relationships are visible when both of their twins are.
 * - `instance`: every twin.
 * - `models`: twins whose model is one of `models` or extends one of them (any depth).
 * - `subgraph`: `root` and every twin reachable from it by following outgoing relationships whose
 *   name is in `relationships` (all names when the list is empty).
 * - `query`: twins matching a WHERE condition of the query language; compiled by the query
 *   engine through `setScopePredicateCompiler` (grants nothing until one is registered).
 */
export type TwinScope = {
    readonly kind: "instance";
} | {
    readonly kind: "models";
    readonly models: readonly string[];
} | {
    readonly kind: "subgraph";
    readonly root: string;
    readonly relationships: readonly string[];
} | {
    readonly kind: "query";
    readonly where: string;
};
export declare const instanceScope: TwinScope;
export declare function parseTwinScope(value: unknown): TwinScope;
