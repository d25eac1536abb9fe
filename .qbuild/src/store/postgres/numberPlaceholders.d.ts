/**
 * Rewrites `?` placeholders as PostgreSQL's `$n`, numbering from `first`. Question marks inside
 * string literals, quoted identifiers and comments are left alone.
 */
export declare function numberPlaceholders(sql: string, first?: number): string;
