import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.js";
import { type EventTestStore, openEventTestStore, testStoreKind } from "./support/eventTestStore.js";

/**
 * The EventStore port's contract, written against a factory so every adapter can run it (the
 * run's store: SQLite, or PostgreSQL with DOPPEL_TEST_STORE=postgres). `append` writes outbox rows
 * through a connection of its own, the way the write path does.
 */
function eventStoreContract(name: string, open: () => Promise<EventTestStore>) {
  describe(`EventStore contract: ${name}`, () => {
    let data: EventTestStore;
    let store: Store;
    const append = async (twinId: string, createdAt: number) => (await data.append([{ twinId, createdAt }]))[0]!;
    beforeEach(async () => {
      data = await open();
      store = data.store;
    });
    afterEach(() => data.close());

    it("stores endpoints and tells created from replaced", async () => {
      expect(await store.events.putEndpoint("e", "webhook", { url: "u" }, 1)).toEqual({ created: true });
      expect(await store.events.putEndpoint("e", "webhook", { url: "v" }, 2)).toEqual({ created: false });
      expect(await store.events.getEndpoint("e")).toEqual({
        name: "e",
        kind: "webhook",
        definition: { url: "v" },
        createdAt: 1,
        updatedAt: 2,
      });
      expect((await store.events.listEndpoints()).map((e) => e.name)).toEqual(["e"]);
      expect(await store.events.deleteEndpoint("e")).toBe(true);
      expect(await store.events.deleteEndpoint("e")).toBe(false);
      expect(await store.events.getEndpoint("e")).toBeUndefined();
    });

    it("starts a new route at the given seq, keeps the cursor on replace, drops it on delete", async () => {
      await store.events.putRoute({ id: "r", endpointName: "e", filter: "true" }, 5, 1);
      expect(await store.events.getCursor("r")).toBe(5);
      await store.events.setCursor("r", 9);
      await store.events.putRoute({ id: "r", endpointName: "f", filter: "false" }, 50, 2);
      expect(await store.events.getCursor("r")).toBe(9);
      expect(await store.events.getRoute("r")).toEqual({
        id: "r",
        endpointName: "f",
        filter: "false",
        createdAt: 1,
        updatedAt: 2,
      });
      await store.events.setCursor("r", 3); // never backwards
      expect(await store.events.getCursor("r")).toBe(9);
      expect(await store.events.deleteRoute("r")).toBe(true);
      expect(await store.events.getCursor("r")).toBeUndefined();
      expect(await store.events.deleteRoute("r")).toBe(false);
    });

    it("reads the outbox in seq order and trims by seq and age, keeping the high-water mark", async () => {
      expect(await store.events.latestSeq()).toBe(0);
      expect(await store.events.oldestSeq()).toBeUndefined();
      const seqs = [await append("a", 100), await append("b", 200), await append("a", 300)];
      expect((await store.events.readOutbox(0, 2)).map((r) => [r.seq, r.twinId, r.createdAt])).toEqual([
        [seqs[0], "a", 100],
        [seqs[1], "b", 200],
      ]);
      expect((await store.events.readOutbox(seqs[1]!, 10)).map((r) => r.seq)).toEqual([seqs[2]]);
      expect(await store.events.trimOutbox(seqs[2]!, 250)).toBe(2); // the newest is too young
      expect(await store.events.oldestSeq()).toBe(seqs[2]);
      expect(await store.events.trimOutbox(seqs[2]!, 1000)).toBe(1);
      expect(await store.events.latestSeq()).toBe(seqs[2]);
    });

    it("keeps dead letters in order, per endpoint", async () => {
      const letter = {
        routeId: "r",
        seq: 1,
        twinId: "a",
        type: "t",
        event: "{}",
        attempts: 3,
        lastError: "x",
        firstAttemptAt: 10,
      };
      const one = await store.events.addDeadLetter({ ...letter, endpointName: "e" }, 20);
      const two = await store.events.addDeadLetter({ ...letter, endpointName: "f" }, 21);
      expect(await store.events.getDeadLetter(one)).toEqual({ ...letter, endpointName: "e", id: one, createdAt: 20 });
      expect((await store.events.listDeadLetters({ afterId: 0, limit: 10 })).map((l) => l.id)).toEqual([one, two]);
      expect(
        (await store.events.listDeadLetters({ afterId: 0, limit: 10, endpointName: "f" })).map((l) => l.id),
      ).toEqual([two]);
      expect(await store.events.countDeadLetters()).toBe(2);
      expect(await store.events.countDeadLetters("e")).toBe(1);
      expect(await store.events.deleteDeadLetter(one)).toBe(true);
      expect(await store.events.getDeadLetter(one)).toBeUndefined();
    });
  });
}

eventStoreContract(testStoreKind(), openEventTestStore);
