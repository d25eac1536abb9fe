import { SqliteCompiler } from "../../../src/query/compile/sqlite.js";
import { type QueryConfig, resolveQueryConfig } from "../../../src/query/queryConfig.js";
import type { QueryCompat } from "../../../src/query/queryLimits.js";
import { type QueryRequest, QueryService } from "../../../src/query/queryService.js";
import { openSqlite, type SqliteDatabase } from "../../../src/store/sqlite/openSqlite.js";
import { SqliteQueryRunner } from "../../../src/store/sqlite/sqliteQueryRunner.js";
import { type GraphSeed, seedGraph } from "./graphSeed.js";

export interface QueryPage {
  readonly value: unknown[];
  readonly continuationToken: string | null;
}

export interface QueryHarness {
  readonly db: SqliteDatabase;
  readonly service: QueryService;
  page(request: QueryRequest): Promise<QueryPage & { charge: number }>;
  /** Every row of every page. */
  all(query: string, pageSize?: number): Promise<unknown[]>;
  /** The `$dtId` of every row of a `SELECT *` query, sorted. */
  ids(query: string): Promise<string[]>;
  close(): void;
}

/** The query service over an in-memory store holding `seed`: no HTTP, runs inline. */
export function createQueryHarness(
  seed: GraphSeed,
  options: { compat?: QueryCompat; config?: Partial<QueryConfig> } = {},
): QueryHarness {
  const db = openSqlite(":memory:");
  seedGraph(db, seed);
  const service = new QueryService(
    new SqliteQueryRunner(db),
    new SqliteCompiler(),
    resolveQueryConfig(options.compat ?? "doppel", options.config),
  );
  const page = async (request: QueryRequest) => {
    const response = await service.query(request);
    return { ...(JSON.parse(response.body) as QueryPage), charge: response.charge };
  };
  const all = async (query: string, pageSize?: number) => {
    const rows: unknown[] = [];
    let token: string | null = null;
    do {
      const result: QueryPage = await page(
        token === null ? { query, maxItemsPerPage: pageSize } : { continuationToken: token, maxItemsPerPage: pageSize },
      );
      rows.push(...result.value);
      token = result.continuationToken;
    } while (token !== null);
    return rows;
  };
  return {
    db,
    service,
    page,
    all,
    async ids(query) {
      return ((await all(query)) as { $dtId: string }[]).map((row) => row.$dtId).sort();
    },
    close: () => db.close(),
  };
}
