import type { Store } from "../store.js";
/** The embedded store: one SQLite file (or `:memory:`), one connection, WAL mode. */
export declare function createSqliteStore(file: string): Store;
