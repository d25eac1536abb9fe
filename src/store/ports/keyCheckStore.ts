/**
 * The instance key's check value, kept with the data so that a node started with another key
 * than the one the database is used with is refused at start (`src/server/instanceKeyCheck.ts`).
 * The value reveals nothing of the key.
 */
export interface KeyCheckStore {
  /**
   * Stores `value` when none is stored yet and answers the stored value: `value` itself, or the
   * one stored before. Atomic: of nodes claiming at once on an empty store, one value is stored
   * and every one of them is answered that value.
   */
  claim(value: string): Promise<string>;
}
