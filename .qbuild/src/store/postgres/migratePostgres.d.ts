import type pg from "pg";
/**
 * Creates the schema if needed and applies the migrations it lacks. Several nodes may start at
 * once: a session advisory lock makes them take turns, and each finds the work of the first done.
 * Each migration runs in its own transaction with its version row, so a crash leaves whole steps.
 */
export declare function migratePostgres(client: pg.ClientBase, schema: string): Promise<void>;
/** Schema names are checked by `postgresLocation.ts`; quoting keeps them exact anyway. */
export declare function quoteIdentifier(name: string): string;
