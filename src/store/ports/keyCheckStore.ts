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
  /**
   * Replaces the stored value with `value` only if it still is `expected` (a key rotation's switch,
   * done once however many nodes try it at once), and answers the value stored afterwards:
   * `value` when this or a concurrent call replaced it, whatever else is stored otherwise, or
   * undefined when nothing is stored.
   */
  compareAndSet(expected: string, value: string): Promise<string | undefined>;
  /** The stored value, or undefined when none is stored; writes nothing. */
  read(): Promise<string | undefined>;
}
