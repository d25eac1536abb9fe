/**
 * A delivery process for the crash test: opens the SQLite file, applies the events config file,
 * and delivers until it is killed. Bundled by the test with esbuild and run with node.
 */
import { createEventService } from "../../../src/events/createEventService.js";
import { createSqliteStore } from "../../../src/store/sqlite/createSqliteStore.js";

const file = process.env.DOPPEL_CHILD_DB!;
const configFile = process.env.DOPPEL_CHILD_CONFIG!;
const store = createSqliteStore(file);
await createEventService(store.events, { pollIntervalMs: 50, configFile, log: () => undefined });
process.stdout.write("ready\n");
setInterval(() => undefined, 60_000);
