/**
 * The PostgreSQL schema, as ordered migrations (each runs once, in a transaction, under an
 * advisory lock so several nodes can start at once). Never edit a released entry; append one.
 *
 * Same tables and meaning as the SQLite schema, with these differences:
 * - Identifiers and other compared text are `COLLATE "C"`: code point order, as SQLite's BINARY,
 *   whatever the database's collation (keyset paging and DTMI version ranges depend on it).
 * - Twins and relationships keep the document text exactly as GET returns it (`doc`) and a JSONB
 *   copy the database derives from it (`body`) for queries.
 * - `rk` is a stable row key (SQLite's rowid): the query engine pages and joins MATCH bindings by it.
 * - Outbox sequence numbers come from a sequence with CACHE 1, so they are handed out in real-time
 *   order across sessions; readers skip the holes of rolled-back transactions safely (see
 *   `outboxReader.ts`). The sequence must never get a cache: readers rely on that order.
 * - Writes go through `doppel_commit(batch)`, one round trip per batch (see below).
 */
export declare const postgresMigrations: readonly string[];
