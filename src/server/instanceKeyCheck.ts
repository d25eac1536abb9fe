import { createHmac } from "node:crypto";
import type { KeyCheckStore } from "../store/ports/keyCheckStore.js";
import type { InstanceSecret } from "./instanceSecret.js";

const version = "v1";
/** What the check value authenticates: fixed, so equal keys give equal values. */
const label = "doppel instance key check";

/** Thrown at start when the key check value stored in the database was made with another key. */
export class InstanceKeyMismatch extends Error {
  constructor(keySource: string, previousKeySource?: string) {
    super(
      previousKeySource === undefined
        ? `This node's secret key (from ${keySource}) is not the key this database is used with: the key check value ` +
            "stored in the database was made with another key. Every node sharing a database must use the same key: " +
            "set DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) on every node to the key the database is used with."
        : `Neither this node's secret key (from ${keySource}) nor its previous key (from ${previousKeySource}) is ` +
            "the key this database is used with: the key check value stored in the database was made with another " +
            "key. To rotate, set DOPPEL_SECRET_KEY_PREVIOUS (or DOPPEL_SECRET_KEY_PREVIOUS_FILE) to the key the " +
            "database is used with and DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) to the new key.",
    );
    this.name = "InstanceKeyMismatch";
  }
}

/**
 * The value stored to recognise the key: an HMAC of a fixed label under a key derived for this
 * purpose alone, so it reveals neither the instance key nor any other key derived from it.
 */
export function keyCheckValue(secret: InstanceSecret): string {
  return `${version}.${createHmac("sha256", secret.derive("key-check")).update(label).digest("base64url")}`;
}

/** A node's way out of its previous key, given when it was started with one. */
export interface KeyRotation {
  readonly previous: InstanceSecret;
  /**
   * Seals every stored credential the previous key opens under the current key; runs before the
   * switch of the check value, so the stored rows never need a key the check value does not name.
   */
  readonly resealStored: () => Promise<unknown>;
}

/**
 * Compares this node's key with the one the store is used with; the first node to start (or the
 * first start after an upgrade from a release without the check) stores its own. Throws
 * `InstanceKeyMismatch` when they differ, including when another node won a race to store its value.
 *
 * With a `rotation`, a store still used with the previous key is moved to the current one: its
 * credentials are sealed again, then the check value is switched by compare-and-set, so of nodes
 * rotating at once one switches it and the others find the current key's value and go on. A crash
 * between the two steps leaves the previous key's value stored and rows that either key opens:
 * the next start with both keys does it again.
 */
export async function checkInstanceKey(
  store: KeyCheckStore,
  secret: InstanceSecret,
  rotation?: KeyRotation,
): Promise<void> {
  const own = keyCheckValue(secret);
  const stored = await store.claim(own);
  if (stored === own) return;
  if (rotation && stored === keyCheckValue(rotation.previous)) {
    await rotation.resealStored();
    if ((await store.compareAndSet(stored, own)) === own) return;
  }
  throw new InstanceKeyMismatch(secret.source, rotation?.previous.source);
}
