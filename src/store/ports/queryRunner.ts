/** Runs compiled, parameterised read statements for the query engine. Owned by `src/query`. */

export type QueryParam = string | number | null;

export interface QueryStatement {
  readonly sql: string;
  readonly params: readonly QueryParam[];
}

export interface QueryRunOptions {
  /** Epoch milliseconds after which the statement is cancelled with `QueryTimeoutError`. */
  readonly deadline: number;
  /**
   * The statement touches a bounded handful of rows (pinned by id). Runners may execute it on
   * the caller's connection instead of handing it to a background reader.
   */
  readonly light: boolean;
  /**
   * The caller accepts results that may lag writes already acknowledged (its own included): a
   * runner with a read replica may run the statement there. Absent or false: the primary.
   */
  readonly replica?: boolean;
}

/** The statement ran past its deadline and was stopped. */
export class QueryTimeoutError extends Error {
  constructor() {
    super("The query ran past its deadline and was cancelled.");
    this.name = "QueryTimeoutError";
  }
}

export interface QueryRunner {
  /** Result rows as arrays, in SELECT-list order. Reads see every write committed before the call. */
  run(statement: QueryStatement, options: QueryRunOptions): Promise<unknown[][]>;
  /** The store's secret for signing continuation tokens: created once, kept with the data. */
  tokenSecret(): Promise<Uint8Array>;
  /** Stops background readers. */
  close(): Promise<void>;
}
