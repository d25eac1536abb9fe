import { DoppelError } from "../errors/catalogue.js";
import { relationshipNotFound, targetTwinNotFound, twinNotFound } from "../graph/graphErrors.js";
import type { AuthStore } from "../store/ports/authStore.js";
import type { RequestAccess } from "./requestAccess.js";
import type { ScopeFilter } from "./scopeFilter.js";
import { scopeSqlFor } from "./scopeSqlFor.js";

// `twinsInScope` evaluates conditions over a whole row `twins T`.
const twinColumns = { id: "T.id", model: "T.model_id", row: "T" };
const everything = { sql: "1=1", params: [] };

/**
 * What the guard asks of the handler: `createOnly` when the write was allowed only because the
 * twin (or relationship) did not exist, or was hidden, when checked. The handler must then behave
 * as under `If-None-Match: *`, so a hidden twin or relationship written by someone else between
 * the check and the write is never replaced by this caller.
 */
export type GuardOutcome = "createOnly" | undefined;

/**
 * Point reads and writes of a scoped caller. A twin outside the scope answers exactly like a
 * missing one (the graph's own 404s); changing a twin's model, or creating one, must land in
 * scope. Called before the handler, only when the scope is narrower than the instance.
 */
export async function guardTwinScope(
  store: AuthStore,
  access: RequestAccess,
  params: readonly string[],
  body: unknown,
): Promise<GuardOutcome> {
  const rule = access.rule;
  if (!rule?.scope || rule.twinParam === undefined || access.scope.kind === "all") return undefined;
  const twinId = params[rule.twinParam];
  if (twinId === undefined) return undefined;
  const inScope = async (ids: string[]) =>
    store.twinsInScope(ids, scopeSqlFor(access, twinColumns, store.scopePredicates));

  switch (rule.scope) {
    case "twin":
    case "listOutgoing":
    case "listIncoming":
      if (!(await inScope([twinId])).has(twinId)) throw twinNotFound(twinId);
      return undefined;
    case "putTwin":
      return guardPutTwin(store, access.scope, twinId, body, inScope);
    case "patchTwin": {
      if (!(await inScope([twinId])).has(twinId)) throw twinNotFound(twinId);
      const model = modelFromPatch(body);
      if (model !== null && !(await modelAllowed(store, access.scope, model, true))) throw modelOutOfScope(model);
      return undefined;
    }
    case "relationship":
    case "putRelationship":
      return guardRelationship(store, rule.scope, twinId, params[rule.relationshipParam ?? 1], body, inScope);
    default:
      return undefined;
  }
}

async function guardPutTwin(
  store: AuthStore,
  scope: ScopeFilter,
  twinId: string,
  body: unknown,
  inScope: (ids: string[]) => Promise<Set<string>>,
): Promise<GuardOutcome> {
  const exists = (await store.twinsInScope([twinId], everything)).has(twinId);
  const visible = exists && (await inScope([twinId])).has(twinId);
  const model = modelFromTwin(body);
  // A body without a model cannot write any twin: the route refuses it (400) before it looks
  // the twin up, so a hidden twin and a new one get the same answer.
  if (model === null) return undefined;
  if (visible) {
    if (!(await modelAllowed(store, scope, model, true))) throw modelOutOfScope(model);
    return undefined;
  }
  // A hidden twin is answered as the new twin it would be: a model the scope cannot create
  // gets the same 403 either way.
  const isRoot = scope.kind === "some" && scope.scopes.some((s) => s.kind === "subgraph" && s.root === twinId);
  if (!isRoot && !(await modelAllowed(store, scope, model, false))) throw modelOutOfScope(model);
  // Only a create the scope would allow tells the two apart: the id is taken, and the twin
  // behind it may not be replaced. Ids are global, so any answer but success says the id is
  // taken; this one says no more (not the hidden twin's model, nor anything else about it).
  if (exists) throw idTaken(twinId);
  return "createOnly";
}

function idTaken(twinId: string): DoppelError {
  return new DoppelError(
    "Forbidden",
    `The twin ${twinId} cannot be created or replaced with your role assignments: the id belongs to a twin outside your scope.`,
  );
}

async function guardRelationship(
  store: AuthStore,
  check: "relationship" | "putRelationship",
  sourceId: string,
  relationshipId: string | undefined,
  body: unknown,
  inScope: (ids: string[]) => Promise<Set<string>>,
): Promise<GuardOutcome> {
  if (!(await inScope([sourceId])).has(sourceId)) throw twinNotFound(sourceId);
  if (relationshipId === undefined) return undefined;
  const existingTarget = await store.relationshipTarget(sourceId, relationshipId);
  if (check === "relationship") {
    if (existingTarget !== null && !(await inScope([existingTarget])).has(existingTarget)) {
      throw relationshipNotFound(sourceId, relationshipId);
    }
    return undefined;
  }
  const target = typeof body === "object" && body !== null ? (body as Record<string, unknown>).$targetId : undefined;
  if (typeof target === "string" && !(await inScope([target])).has(target)) throw targetTwinNotFound();
  if (existingTarget !== null && !(await inScope([existingTarget])).has(existingTarget)) {
    throw new DoppelError(
      "Forbidden",
      `The relationship ${relationshipId} of twin ${sourceId} points outside your scope and cannot be replaced.`,
    );
  }
  return existingTarget === null ? "createOnly" : undefined;
}

/**
 * Whether a twin of `model` stays within the scope. A `models` scope decides by ancestry; a
 * subgraph or predicate scope does not depend on the model, so it allows a change of model of a
 * twin it already reaches (`existing`), but never the creation of a new twin.
 */
async function modelAllowed(store: AuthStore, scope: ScopeFilter, model: string, existing: boolean): Promise<boolean> {
  if (scope.kind === "all") return true;
  if (scope.kind === "none") return false;
  if (existing && scope.scopes.some((s) => s.kind !== "models")) return true;
  const ancestors = scope.scopes.flatMap((s) => (s.kind === "models" ? s.models : []));
  return store.modelExtendsAny(model, ancestors);
}

function modelFromTwin(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const metadata = (body as Record<string, unknown>).$metadata;
  if (typeof metadata !== "object" || metadata === null) return null;
  const model = (metadata as Record<string, unknown>).$model;
  return typeof model === "string" ? model : null;
}

function modelFromPatch(body: unknown): string | null {
  if (!Array.isArray(body)) return null;
  for (const op of body) {
    if (typeof op !== "object" || op === null) continue;
    const { path, value } = op as Record<string, unknown>;
    if (path === "/$metadata/$model" && typeof value === "string") return value;
  }
  return null;
}

function modelOutOfScope(model: string): DoppelError {
  return new DoppelError(
    "Forbidden",
    `Your role assignments do not allow twins of model ${model} here: the twin would fall outside your scope.`,
  );
}
