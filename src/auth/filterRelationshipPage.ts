import type { AuthStore } from "../store/ports/authStore.js";
import type { RequestAccess } from "./requestAccess.js";
import { scopeSqlFor } from "./scopeSqlFor.js";

/**
 * Drops the relationships of a list page whose other twin is outside the caller's scope: the
 * target for outgoing lists, the source for incoming ones. The page may come back shorter than
 * the page size, which ADT's paging allows ("the server may return fewer").
 */
export async function filterRelationshipPage(
  store: AuthStore,
  access: RequestAccess,
  payload: unknown,
  direction: "listOutgoing" | "listIncoming",
): Promise<unknown> {
  const text = typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : null;
  // Fail closed: a page that cannot be read cannot be filtered, so nothing of it is shown.
  if (text === null) return JSON.stringify({ value: [], nextLink: null });
  let page: { value?: unknown };
  try {
    page = JSON.parse(text);
  } catch {
    return JSON.stringify({ value: [], nextLink: null });
  }
  if (!Array.isArray(page.value)) return text;
  const field = direction === "listOutgoing" ? "$targetId" : "$sourceId";
  const ends = page.value.map((item) => (item as Record<string, unknown>)?.[field]);
  const ids = [...new Set(ends.filter((id): id is string => typeof id === "string"))];
  const visible = await store.twinsInScope(
    ids,
    scopeSqlFor(access, { id: "T.id", model: "T.model_id", row: "T" }, store.scopePredicates),
  );
  page.value = page.value.filter((_item, i) => {
    const end = ends[i];
    return typeof end === "string" && visible.has(end);
  });
  return JSON.stringify(page);
}
