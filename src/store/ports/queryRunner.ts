/** Runs compiled, parameterised read statements for the query engine. Owned by `src/query`. */

export type QueryRunner = {};
