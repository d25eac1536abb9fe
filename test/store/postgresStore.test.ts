import { describe } from "vitest";
import { requireService } from "../support/services.js";
import { describeStoreConformance } from "./conformance.js";
import { emptyPostgresStore, openPostgresTestStore, type TestPostgresStore } from "./support/postgresTestStore.js";

const available = await requireService("postgres", "PostgreSQL store conformance");

describe.runIf(available)("PostgreSQL store conformance", () => {
  let store: TestPostgresStore | undefined;
  describeStoreConformance("postgres", {
    async fresh() {
      if (store) await emptyPostgresStore(store.schema);
      else store = await openPostgresTestStore();
      return store;
    },
    async done() {
      await store?.destroy();
    },
  });
});
