import type { StoredTwin } from "../store/ports/graphRepository.js";
import type { PatchOp } from "./jsonPatch.js";
import type { TwinDoc } from "./twinDocument.js";

/** A twin row with its document already parsed. The document is shared: never mutate it. */
export interface CachedTwin {
  readonly row: StoredTwin;
  readonly doc: TwinDoc;
}

/**
 * The twins this process last committed, parsed, most recently written last (an LRU by
 * insertion order). A PATCH plans on an entry instead of reading and parsing the row, which is
 * most of the graph's share of a PATCH. An entry may be stale (another process or node wrote the
 * twin since): that is safe because a plan's write expects the entry's etag, and an etag names
 * exactly one version of a twin, so a stale plan never commits; the write path drops the entry
 * and plans again on the stored row, also when a plan on an entry fails (a stale etag or value
 * must not become the caller's error).
 */
export class TwinCache {
  private readonly entries = new Map<string, CachedTwin>();

  constructor(private readonly capacity: number) {}

  get(id: string): CachedTwin | undefined {
    return this.entries.get(id);
  }

  set(entry: CachedTwin): void {
    if (this.capacity <= 0) return;
    const id = entry.row.id;
    this.entries.delete(id); // re-inserted as the most recent
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A private copy of a shared (cached) twin for a patch to mutate, copying only what a patch can
 * change: the twin object and its `$metadata` (shallow: the patch replaces metadata entries, it
 * never edits them), and, deeply, each property or component an operation's path starts at.
 * Everything else stays shared with the cached document.
 */
export function copyForPatch(doc: TwinDoc, ops: readonly PatchOp[]): TwinDoc {
  const copy = { ...doc };
  copy.$metadata = { ...doc.$metadata };
  for (const op of ops) {
    const head = op.segments[0];
    if (head === undefined || head === "$metadata" || !Object.hasOwn(doc, head)) continue;
    const value = doc[head];
    if (typeof value === "object" && value !== null && copy[head] === value) copy[head] = cloneJson(value);
  }
  return copy;
}

/** A deep copy of a JSON value (objects, arrays, primitives), own keys in order. */
export function cloneJson(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const item = cloneJson(source[key]);
    // An own `__proto__` key (JSON.parse makes one) must stay a key, not set the prototype.
    if (key === "__proto__")
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}
