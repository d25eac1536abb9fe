import type { EventStore, StoredEndpoint } from "../../store/ports/eventStore.js";
import type { EndpointSecretBox } from "./endpointSecretBox.js";

/** The event store with endpoint credentials sealed at rest; `checkAndSealStored` runs at start. */
export type SealedEventStore = EventStore & {
  /**
   * Opens every stored endpoint — so a node with the wrong key stops at start with a clear
   * message rather than failing deliveries later — and seals under the current key what is
   * stored otherwise: credentials in clear (rows written before encryption) and, during a key
   * rotation, credentials only the previous key opens. Answers how many rows it sealed.
   */
  checkAndSealStored(now: number): Promise<number>;
};

/**
 * The event store as the events service sees it: endpoint credentials are sealed on the way in
 * and opened on the way out, so nothing above this layer knows they are encrypted at rest and
 * nothing below it ever holds them in clear. Every other member of the port passes through
 * untouched (a proxy, so members added to the port later — optional ones such as `claimRoute`
 * included — keep working and keep being absent when the store lacks them).
 */
export function sealEventStore(inner: EventStore, box: EndpointSecretBox): SealedEventStore {
  const opened = (stored: StoredEndpoint): StoredEndpoint => ({
    ...stored,
    definition: box.open(stored.name, stored.definition),
  });
  const overrides: Pick<SealedEventStore, "listEndpoints" | "getEndpoint" | "putEndpoint" | "checkAndSealStored"> = {
    async listEndpoints() {
      return (await inner.listEndpoints()).map(opened);
    },
    async getEndpoint(name) {
      const stored = await inner.getEndpoint(name);
      return stored && opened(stored);
    },
    putEndpoint(name, kind, definition, now) {
      return inner.putEndpoint(name, kind, box.seal(name, definition), now);
    },
    async checkAndSealStored(now) {
      let sealed = 0;
      for (const { name } of await inner.listEndpoints()) {
        // Read again just before writing: another node may have changed the endpoint since the list.
        const stored = await inner.getEndpoint(name);
        if (!stored || !box.needsSealing(name, stored.definition)) continue;
        await inner.putEndpoint(name, stored.kind, box.seal(name, box.open(name, stored.definition)), now);
        sealed++;
      }
      return sealed;
    },
  };
  return new Proxy(inner, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof typeof overrides];
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
    has(target, property) {
      return Object.hasOwn(overrides, property) || Reflect.has(target, property);
    },
  }) as SealedEventStore;
}
