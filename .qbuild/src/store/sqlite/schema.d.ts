/**
 * The SQLite schema, as ordered migrations. Each entry runs once, in a transaction, and is
 * recorded in `schema_migrations`. Never edit a released entry; append a new one.
 *
 * Documents are stored as the JSON ADT returns (`twins.doc`, `relationships.doc`) so reads are
 * a single row fetch and the query compiler can address any path with `json_extract`.
 */
export declare const sqliteMigrations: readonly string[];
