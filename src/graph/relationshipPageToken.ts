import { invalidContinuationToken } from "./graphErrors.js";

/**
 * Continuation tokens of the relationship lists: opaque (base64url JSON) positions in a list
 * ordered by relationship id (outgoing) or by source twin then relationship id (incoming). A token
 * is a position, never a query, so a forged one can only skip ahead in the same twin's list.
 */
export type RelationshipPosition =
  | { readonly list: "outgoing"; readonly afterId: string; readonly name?: string }
  | { readonly list: "incoming"; readonly afterSourceId: string; readonly afterId: string };

export function encodePageToken(position: RelationshipPosition): string {
  const data =
    position.list === "outgoing"
      ? ["o", position.afterId, position.name ?? null]
      : ["i", position.afterSourceId, position.afterId];
  return Buffer.from(JSON.stringify(data), "utf8").toString("base64url");
}

export function decodePageToken(token: string, list: "outgoing"): Extract<RelationshipPosition, { list: "outgoing" }>;
export function decodePageToken(token: string, list: "incoming"): Extract<RelationshipPosition, { list: "incoming" }>;
export function decodePageToken(token: string, list: RelationshipPosition["list"]): RelationshipPosition {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidContinuationToken();
  }
  if (!Array.isArray(data) || data.length !== 3 || typeof data[1] !== "string") throw invalidContinuationToken();
  const [kind, first, second] = data as [unknown, string, unknown];
  if (list === "outgoing" && kind === "o" && (second === null || typeof second === "string")) {
    return second === null ? { list, afterId: first } : { list, afterId: first, name: second };
  }
  if (list === "incoming" && kind === "i" && typeof second === "string") {
    return { list, afterSourceId: first, afterId: second };
  }
  throw invalidContinuationToken();
}
