import type { ScopeFilter } from "../auth/scopeFilter.js";
import type { ScopePredicateCompiler } from "../auth/scopePredicateCompiler.js";
import { statementScopeFor } from "../auth/scopeSqlFor.js";
import { DoppelError } from "../errors/catalogue.js";
import { twinJsonForVersion } from "../graph/twinDocument.js";
import { type ApiVersion, hasTwinLastUpdateTime } from "../http/apiVersion.js";
import { type QueryRunner, QueryTimeoutError } from "../store/ports/queryRunner.js";
import { analyzeQuery } from "./analysis/analyzeQuery.js";
import type { AnalyzedQuery } from "./analysis/boundQuery.js";
import type { BaseCompiler, CompiledPage, SqlValue, TwinFilter } from "./compile/base.js";
import { ContinuationTokens, type QueryCursor } from "./paging/continuationTokens.js";
import { queryCharge } from "./queryCharge.js";
import { semanticError } from "./queryError.js";
import type { QueryCompat, QueryLimits } from "./queryLimits.js";
import { renderRows } from "./results/renderRows.js";
import { parseQuery } from "./syntax/parser.js";

export interface QueryServiceConfig {
  readonly compat: QueryCompat;
  readonly limits: QueryLimits;
  /** Server-side execution limit; past it the statement is cancelled and the request fails. */
  readonly timeoutMs: number;
  /** Largest page; also the page size when the client asks for none. */
  readonly maxPageSize: number;
  /** For requests that do not say; see `QueryConsistency`. */
  readonly consistency: QueryConsistency;
}

/**
 * `strong`: the query sees every write acknowledged before it (the primary). `eventual`: it may
 * run on a read replica and miss the latest writes, the caller's own included (the primary when
 * the store has no replica).
 */
export type QueryConsistency = "strong" | "eventual";

export interface QueryRequest {
  /** The body's `query`; ignored when a continuation token is given. */
  readonly query?: unknown;
  readonly continuationToken?: unknown;
  /** From `max-items-per-page`, already checked to be a positive integer. */
  readonly maxItemsPerPage?: number;
  /** Twins are shown as this api-version shows them (2020-10-31: no `$lastUpdateTime`, no `sourceTime`). */
  readonly apiVersion?: ApiVersion;
  /**
   * The twins the caller may see (`request.access.scope`); absent or `all` for instance-wide
   * callers. Applied to every page from the caller's current scope, never carried in a token.
   */
  readonly scope?: ScopeFilter;
  /** From the `Doppel-Consistency` header; the configured default when absent. */
  readonly consistency?: QueryConsistency;
}

export interface QueryResponse {
  /** `{"value":[...],"continuationToken":...}` as JSON text. */
  readonly body: string;
  /** For the `query-charge` header. */
  readonly charge: number;
}

const cacheSize = 4096;

/**
 * The store refused the statement for one of its size limits (variables, join width, expression
 * depth), which raised configured query limits can reach: the query's fault, not the server's.
 */
function isStoreLimitError(error: unknown): boolean {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== "SQLITE_ERROR") return false;
  return /too many|too large|at most \d+|maximum depth/i.test(error.message);
}

/** The scope as the compiler's twin filter; null (no SQL added) when it covers every twin. */
function twinFilterOf(
  scope: ScopeFilter | undefined,
  predicates: ScopePredicateCompiler | undefined,
): TwinFilter | null {
  if (scope === undefined || scope.kind === "all") return null;
  return statementScopeFor(scope, predicates);
}

/** A bounded cache: the oldest entry goes when it is full. Analysis and compilation are pure, so entries never go stale. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

/**
 * Runs ADT queries page by page: text → syntax tree → analysed query (cached by text) → one SQL
 * statement for the page → rows spliced into JSON. A follow-up page re-analyses the token's query
 * text and resumes after the token's keyset position, so no server state lives between pages.
 */
export class QueryService {
  private readonly analyzed = new Map<string, AnalyzedQuery>();
  /** First pages by limit and text: the common request compiles once. */
  private readonly firstPages = new Map<string, CompiledPage>();
  private tokens: ContinuationTokens | null = null;

  constructor(
    private readonly runner: QueryRunner,
    private readonly compiler: BaseCompiler,
    readonly config: QueryServiceConfig,
    /** The store's compiler for `query` scopes (`AuthStore.scopePredicates`); without it they reach no twin. */
    private readonly scopePredicates?: ScopePredicateCompiler,
  ) {}

  async query(request: QueryRequest): Promise<QueryResponse> {
    const deadline = Date.now() + this.config.timeoutMs;
    const tokens = await this.tokenSigner();
    const cursor = this.cursorOf(request.continuationToken, tokens);
    const text = cursor ? cursor.query : request.query;
    if (typeof text !== "string") {
      throw new DoppelError(
        "InvalidArgument",
        request.query === undefined || request.query === null
          ? "The request body must contain 'query' (or the 'continuationToken' of a previous page)."
          : "'query' must be a string.",
      );
    }
    const query = this.prepare(text);
    const pageSize = Math.min(
      request.maxItemsPerPage ?? cursor?.pageSize ?? this.config.maxPageSize,
      this.config.maxPageSize,
    );
    const returned = cursor?.returned ?? 0;
    const remaining = query.top === null ? Number.POSITIVE_INFINITY : Math.max(query.top - returned, 0);
    const pageRows = Math.min(pageSize, remaining);
    const limit = pageRows === remaining ? pageRows : pageRows + 1;
    const filter = twinFilterOf(request.scope, this.scopePredicates);
    // Scoped pages are compiled every time: the scope is the caller's, not the query text's.
    const compiled =
      cursor || filter
        ? this.compiler.compilePage(query, { after: cursor?.after ?? null, limit }, filter)
        : this.firstPage(query, limit);
    const replica = (request.consistency ?? this.config.consistency) === "eventual";
    const rows = pageRows === 0 && compiled.paged ? [] : await this.execute(compiled, query, deadline, replica);
    const more = compiled.paged && rows.length > pageRows;
    const page = more ? rows.slice(0, pageRows) : rows;
    const version = request.apiVersion;
    const adaptTwin =
      version === undefined || hasTwinLastUpdateTime(version)
        ? null
        : (json: string) => twinJsonForVersion(json, version);
    const items = renderRows(page, compiled.sortColumns, compiled.output, adaptTwin);
    let token: string | null = null;
    if (more) {
      const last = page[page.length - 1]!;
      token = tokens.sign({
        query: text,
        after: last.slice(0, compiled.sortColumns) as SqlValue[],
        returned: returned + page.length,
        pageSize,
        page: (cursor?.page ?? 1) + 1,
      });
    }
    const body = `{"value":[${items.join(",")}],"continuationToken":${token === null ? "null" : JSON.stringify(token)}}`;
    return { body, charge: queryCharge(query, page.length) };
  }

  /** Parses and analyses query text, or throws the `SqlQueryError` ADT would. */
  prepare(text: string): AnalyzedQuery {
    const cached = this.analyzed.get(text);
    if (cached) return cached;
    if (text.length > this.config.limits.maxQueryLength) {
      throw semanticError(
        `the query is ${text.length} characters long; at most ${this.config.limits.maxQueryLength} are allowed`,
        { line: 1, column: 0 },
      );
    }
    const analyzed = analyzeQuery(text, parseQuery(text), { compat: this.config.compat, limits: this.config.limits });
    remember(this.analyzed, text, analyzed);
    return analyzed;
  }

  private firstPage(query: AnalyzedQuery, limit: number): CompiledPage {
    const key = `${limit}\u0000${query.text}`;
    let compiled = this.firstPages.get(key);
    if (!compiled) {
      compiled = this.compiler.compilePage(query, { after: null, limit });
      remember(this.firstPages, key, compiled);
    }
    return compiled;
  }

  private async execute(
    compiled: { sql: string; params: readonly SqlValue[] },
    query: AnalyzedQuery,
    deadline: number,
    replica: boolean,
  ): Promise<unknown[][]> {
    try {
      const options = { deadline, light: query.light, replica };
      return await this.runner.run({ sql: compiled.sql, params: compiled.params }, options);
    } catch (error) {
      if (isStoreLimitError(error)) {
        throw semanticError(`the query is too large for the store: ${(error as Error).message}`, {
          line: 1,
          column: 0,
        });
      }
      if (error instanceof QueryTimeoutError) {
        const seconds = Math.round(this.config.timeoutMs / 100) / 10;
        throw new DoppelError(
          "TimeoutError",
          `The query execution timed out after ${seconds} seconds. Try simplifying the query or adding conditions to reduce the result size.`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private cursorOf(token: unknown, tokens: ContinuationTokens): QueryCursor | null {
    if (token === undefined || token === null) return null;
    const cursor = typeof token === "string" ? tokens.verify(token) : undefined;
    if (!cursor) throw new DoppelError("BadRequest", "An invalid continuationToken was provided.");
    return cursor;
  }

  private async tokenSigner(): Promise<ContinuationTokens> {
    this.tokens ??= new ContinuationTokens(await this.runner.tokenSecret());
    return this.tokens;
  }
}
