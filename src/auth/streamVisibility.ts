import type { DeliveryEvent } from "../events/delivery/deliveryEvent.js";
import type { AuthStore } from "../store/ports/authStore.js";
import type { ScopeFilter } from "./scopeFilter.js";
import { scopeSqlFor } from "./scopeSqlFor.js";

const relationshipEvent = "Microsoft.DigitalTwins.Relationship.";
const relationshipUpdate = "Microsoft.DigitalTwins.Relationship.Update";
const twinEvent = "Microsoft.DigitalTwins.Twin.";

/**
 * Which events of a live-stream batch a scoped caller may see, decided the way the twin routes
 * decide (one store query per batch): a twin's events and telemetry when the twin is in scope, a
 * relationship's events when both of its twins are. It is evaluated on the graph as it is when
 * the batch is delivered, and fails closed: an event whose twins cannot be established (an
 * unreadable event, a relationship deleted since, a twin deleted since) is not shown.
 *
 * A `models` scope depends on nothing but the model, which twin events carry (Create and
 * Delete: the twin; Update: `modelId`, after the update): those are also shown when their model
 * is in such a scope, so a twin deleted before the batch is delivered still has its Create and
 * Delete seen. (A subgraph scope had already lost such a twin: ADT deletes only twins without
 * relationships.)
 */
export function streamVisibility(
  store: AuthStore,
  scope: () => Promise<ScopeFilter>,
): (events: readonly DeliveryEvent[]) => Promise<readonly boolean[]> {
  return async (events) => {
    // Asked again for every batch: a changed or withdrawn assignment applies to open streams too.
    const current = await scope();
    if (current.kind === "all") return events.map(() => true);
    if (current.kind === "none" || events.length === 0) return events.map(() => false);
    const ends = await Promise.all(events.map((event) => twinsOf(store, event)));
    const ids = [...new Set(ends.flatMap((list) => list ?? []))];
    const inScope = await store.twinsInScope(
      ids,
      scopeSqlFor(current, { id: "T.id", model: "T.model_id", row: "T" }, store.scopePredicates),
    );
    const models = current.scopes.flatMap((s) => (s.kind === "models" ? s.models : []));
    const modelInScope = new Map<string, Promise<boolean>>();
    const byModel = (model: string) => {
      let answer = modelInScope.get(model);
      if (!answer) {
        answer = store.modelExtendsAny(model, models);
        modelInScope.set(model, answer);
      }
      return answer;
    };
    return Promise.all(
      events.map(async (event, index) => {
        const twins = ends[index];
        if (!twins || twins.length === 0) return false;
        if (twins.every((id) => inScope.has(id))) return true;
        const model = models.length > 0 ? modelOfTwinEvent(event) : null;
        return model !== null && (await byModel(model));
      }),
    );
  };
}

/** The twins an event is about: its twin, and for a relationship also its target; null when unknown. */
async function twinsOf(store: AuthStore, event: DeliveryEvent): Promise<string[] | null> {
  const source = event.twinId;
  if (source === null) return null;
  if (!event.type.startsWith(relationshipEvent)) return [source];
  const target = event.type === relationshipUpdate ? await updatedTarget(store, event, source) : targetOf(event);
  return target === null ? null : [source, target];
}

/** Create and Delete carry the relationship itself. */
function targetOf(event: DeliveryEvent): string | null {
  const data = event.event().data;
  if (typeof data !== "object" || data === null) return null;
  const target = (data as Record<string, unknown>).$targetId;
  return typeof target === "string" ? target : null;
}

/** Update carries only the patch: the target is looked up (an update never changes it). */
async function updatedTarget(store: AuthStore, event: DeliveryEvent, source: string): Promise<string | null> {
  const subject = event.event().subject;
  const prefix = `${source}/relationships/`;
  if (typeof subject !== "string" || !subject.startsWith(prefix)) return null;
  return store.relationshipTarget(source, subject.slice(prefix.length));
}

/** The model a twin event names: the twin's (Create, Delete) or the one after the update. */
function modelOfTwinEvent(event: DeliveryEvent): string | null {
  if (!event.type.startsWith(twinEvent)) return null;
  const data = event.event().data;
  if (typeof data !== "object" || data === null) return null;
  const record = data as Record<string, unknown>;
  const metadata = record.$metadata;
  const model =
    typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>).$model : record.modelId;
  return typeof model === "string" ? model : null;
}
