import type { EventStore, StoredEndpoint } from "../../store/ports/eventStore.js";
import { type EndpointSecretBox, EndpointSecretsUnreadable } from "./endpointSecretBox.js";

/** A stored endpoint to write again sealed under the current key: the row as read, and its definition opened. */
export interface PendingSeal {
  readonly stored: StoredEndpoint;
  readonly definition: unknown;
}

/** The event store with endpoint credentials sealed at rest; `checkStored` and `resealStored` run at start. */
export type SealedEventStore = EventStore & {
  /**
   * Opens every stored endpoint in one read — so a node with the wrong key stops at start with a
   * clear message rather than failing deliveries later — and answers the rows to seal again under
   * the current key: credentials in clear (rows written before encryption) and, during a key
   * rotation, credentials only the previous key opens.
   */
  checkStored(): Promise<PendingSeal[]>;
  /**
   * Seals `pending` under the current key, each row only if it is still as read (another node may
   * change or delete it meanwhile: the change wins, and a changed row that still needs sealing is
   * read and tried once more). Answers how many rows it sealed.
   */
  resealStored(pending: readonly PendingSeal[]): Promise<number>;
  /**
   * Every stored endpoint opened, or, for one this node's keys do not open, the error naming it:
   * for a running node, which must go on with the endpoints it can open.
   */
  openEndpoints(): Promise<(StoredEndpoint | EndpointSecretsUnreadable)[]>;
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
  const reseal = (name: string, expected: unknown, definition: unknown) =>
    inner.resealEndpoint(name, expected, box.seal(name, definition));
  const overrides: Pick<
    SealedEventStore,
    "listEndpoints" | "getEndpoint" | "putEndpoint" | "checkStored" | "resealStored" | "openEndpoints"
  > = {
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
    async checkStored() {
      const pending: PendingSeal[] = [];
      for (const stored of await inner.listEndpoints()) {
        const { definition, needsSealing } = box.inspect(stored.name, stored.definition);
        if (needsSealing) pending.push({ stored, definition });
      }
      return pending;
    },
    async resealStored(pending) {
      let sealed = 0;
      for (const { stored, definition } of pending) {
        if (await reseal(stored.name, stored.definition, definition)) {
          sealed++;
          continue;
        }
        // Changed or deleted since it was read: a deleted row stays deleted, a changed one is
        // sealed if it still needs it (a node on the previous key may have written it).
        const again = await inner.getEndpoint(stored.name);
        if (!again) continue;
        const inspected = box.inspect(again.name, again.definition);
        if (inspected.needsSealing && (await reseal(again.name, again.definition, inspected.definition))) sealed++;
      }
      return sealed;
    },
    async openEndpoints() {
      return (await inner.listEndpoints()).map((stored) => {
        try {
          return opened(stored);
        } catch (error) {
          if (error instanceof EndpointSecretsUnreadable) return error;
          throw error;
        }
      });
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
