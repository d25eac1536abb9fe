import type { Interface } from "../dtdl/model.js";

/**
 * What the write path needs from the model registry: synchronous lookups of parsed models.
 * `ModelRegistry` (src/models) satisfies it; tests may supply a map.
 */
export interface ModelLookup {
  /** True when a top-level model with this id is stored. */
  has(id: string): boolean;
  /** A parsed interface (top-level or inline, e.g. a component schema) with flattened contents. */
  getInterface(dtmi: string): Interface | undefined;
  isDecommissioned(id: string): boolean;
  /** Reflexive, transitive through extends. */
  isSubtypeOf(modelId: string, ancestorId: string): boolean;
  /** Catches up with the store before a miss is answered (another node may have just uploaded). */
  refreshIfMissing?(ids: readonly string[]): Promise<void>;
}
