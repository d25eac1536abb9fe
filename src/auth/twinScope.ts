import { DoppelError } from "../errors/catalogue.js";
import type { ScopePredicateCompiler } from "./scopePredicateCompiler.js";

/**
 * Which twins an assignment reaches. Relationships are visible when both of their twins are.
 * - `instance`: every twin.
 * - `models`: twins whose model is one of `models` or extends one of them (any depth).
 * - `subgraph`: `root` and every twin reachable from it by following outgoing relationships whose
 *   name is in `relationships` (all names when the list is empty).
 * - `query`: twins matching a WHERE condition of the query language; compiled by the query
 *   store's dialect (`AuthStore.scopePredicates`; grants nothing where none is given).
 */
export type TwinScope =
  | { readonly kind: "instance" }
  | { readonly kind: "models"; readonly models: readonly string[] }
  | { readonly kind: "subgraph"; readonly root: string; readonly relationships: readonly string[] }
  | { readonly kind: "query"; readonly where: string };

export const instanceScope: TwinScope = { kind: "instance" };

const maxListItems = 100;

/** With `predicates` (the store's compiler), a `query` condition that does not compile is refused. */
export function parseTwinScope(value: unknown, predicates?: ScopePredicateCompiler): TwinScope {
  if (value === undefined || value === null) return instanceScope;
  if (typeof value !== "object" || Array.isArray(value)) throw invalid("must be a JSON object with a 'kind'");
  const scope = value as Record<string, unknown>;
  switch (scope.kind) {
    case "instance":
      onlyKeys(scope, ["kind"]);
      return instanceScope;
    case "models":
      onlyKeys(scope, ["kind", "models"]);
      return { kind: "models", models: stringList(scope.models, "models", 1, 2048) };
    case "subgraph":
      onlyKeys(scope, ["kind", "root", "relationships"]);
      if (typeof scope.root !== "string" || scope.root === "" || scope.root.length > 1024) {
        throw invalid("'root' must be a twin id");
      }
      return {
        kind: "subgraph",
        root: scope.root,
        relationships:
          scope.relationships === undefined ? [] : stringList(scope.relationships, "relationships", 0, 512),
      };
    case "query":
      onlyKeys(scope, ["kind", "where"]);
      if (typeof scope.where !== "string" || scope.where.trim() === "" || scope.where.length > 8000) {
        throw invalid("'where' must be a non-empty condition of at most 8000 characters");
      }
      if (predicates) checkCondition(scope.where, predicates);
      return { kind: "query", where: scope.where };
    default:
      throw invalid("'kind' must be one of instance, models, subgraph, query");
  }
}

/**
 * Refuses a condition the store's compiler cannot compile (assignments written through the API
 * and the CLI; one read from the configuration file without a store reaches no twin instead).
 */
function checkCondition(where: string, compile: ScopePredicateCompiler): void {
  try {
    compile(where, "scope_check");
  } catch (error) {
    throw invalid(`'where' is not a condition of the query language: ${(error as Error).message.replace(/\.$/, "")}`);
  }
}

function stringList(value: unknown, field: string, min: number, maxLength: number): string[] {
  if (!Array.isArray(value) || value.length < min || value.length > maxListItems) {
    throw invalid(`'${field}' must be an array of ${min}-${maxListItems} strings`);
  }
  for (const item of value) {
    if (typeof item !== "string" || item === "" || item.length > maxLength) {
      throw invalid(`'${field}' must hold non-empty strings of at most ${maxLength} characters`);
    }
  }
  return [...new Set(value as string[])];
}

function onlyKeys(scope: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(scope).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw invalid(`unknown field(s) ${extra.map((k) => `'${k}'`).join(", ")}`);
}

function invalid(reason: string): DoppelError {
  return new DoppelError("InvalidArgument", `The assignment scope is invalid: ${reason}.`);
}
