import { describe } from "vitest";
import { createSqliteStore } from "../../src/store/sqlite/createSqliteStore.js";
import type { Store } from "../../src/store/store.js";
import { describeStoreConformance } from "./conformance.js";

describe("SQLite store conformance", () => {
  let current: Store | undefined;
  describeStoreConformance("sqlite", {
    async fresh() {
      await current?.close();
      current = createSqliteStore(":memory:");
      return current;
    },
    async done() {
      await current?.close();
    },
  });
});
