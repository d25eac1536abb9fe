import Database from "better-sqlite3";
export type SqliteDatabase = Database.Database;
/**
 * Opens (or creates) the database file and brings its schema up to date.
 * `:memory:` gives a throwaway store.
 */
export declare function openSqlite(file: string): SqliteDatabase;
