import { createHmac } from "node:crypto";
import type { KeyCheckStore } from "../store/ports/keyCheckStore.js";
import type { InstanceSecret } from "./instanceSecret.js";

const version = "v1";
/** What the check value authenticates: fixed, so equal keys give equal values. */
const label = "doppel instance key check";

/** Thrown at start when the key check value stored in the database was made with another key. */
export class InstanceKeyMismatch extends Error {
  constructor(keySource: string) {
    super(
      `This node's secret key (from ${keySource}) is not the key this database is used with: the key check value ` +
        "stored in the database was made with another key. Every node sharing a database must use the same key: " +
        "set DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) on every node to the key the database is used with.",
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

/**
 * Compares this node's key with the one the store is used with; the first node to start (or the
 * first start after an upgrade from a release without the check) stores its own. Throws
 * `InstanceKeyMismatch` when they differ, including when another node won a race to store its value.
 */
export async function checkInstanceKey(store: KeyCheckStore, secret: InstanceSecret): Promise<void> {
  const own = keyCheckValue(secret);
  if ((await store.claim(own)) !== own) throw new InstanceKeyMismatch(secret.source);
}
