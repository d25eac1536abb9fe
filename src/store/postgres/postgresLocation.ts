/** Where a PostgreSQL store lives: a connection string and the schema its tables go in. */
export interface PostgresLocation {
  /** The connection string as `pg` takes it (the `schema` parameter removed). */
  readonly connectionString: string;
  readonly schema: string;
}

export const defaultPostgresSchema = "doppel";

const schemaPattern = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value);
}

/**
 * `postgres://user:password@host:5432/database?schema=doppel`: every parameter but `schema` goes
 * to `pg` (sslmode, application_name, ...). The schema defaults to `doppel`.
 */
export function parsePostgresUrl(url: string, schemaOverride?: string): PostgresLocation {
  if (!isPostgresUrl(url)) throw new Error(`not a PostgreSQL URL (postgres://...): '${redactUrl(url)}'`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`invalid PostgreSQL URL: '${redactUrl(url)}'`);
  }
  const schema = schemaOverride ?? parsed.searchParams.get("schema") ?? defaultPostgresSchema;
  if (!schemaPattern.test(schema)) {
    throw new Error(
      `invalid PostgreSQL schema name '${schema}': use letters, digits and _ (at most 63, not first a digit)`,
    );
  }
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}
