/** Where a PostgreSQL store lives: a connection string and the schema its tables go in. */
export interface PostgresLocation {
    /** The connection string as `pg` takes it (the `schema` parameter removed). */
    readonly connectionString: string;
    readonly schema: string;
}
export declare const defaultPostgresSchema = "doppel";
export declare function isPostgresUrl(value: string): boolean;
/**
 * `postgres://user:password@host:5432/database?schema=doppel`: every parameter but `schema` goes
 * to `pg` (sslmode, application_name, ...). The schema defaults to `doppel`.
 */
export declare function parsePostgresUrl(url: string, schemaOverride?: string): PostgresLocation;
/** The URL without its password, for messages and logs. */
export declare function redactUrl(url: string): string;
