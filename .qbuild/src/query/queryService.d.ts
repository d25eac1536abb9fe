import { type ApiVersion } from "../http/apiVersion.js";
import { type QueryRunner } from "../store/ports/queryRunner.js";
import type { AnalyzedQuery } from "./analysis/boundQuery.js";
import type { BaseCompiler } from "./compile/base.js";
import type { QueryCompat, QueryLimits } from "./queryLimits.js";
export interface QueryServiceConfig {
    readonly compat: QueryCompat;
    readonly limits: QueryLimits;
    /** Server-side execution limit; past it the statement is cancelled and the request fails. */
    readonly timeoutMs: number;
    /** Largest page; also the page size when the client asks for none. */
    readonly maxPageSize: number;
}
export interface QueryRequest {
    /** The body's `query`; ignored when a continuation token is given. */
    readonly query?: unknown;
    readonly continuationToken?: unknown;
    /** From `max-items-per-page`, already checked to be a positive integer. */
    readonly maxItemsPerPage?: number;
    /** Twins are shown as this api-version shows them (2020-10-31: no `$lastUpdateTime`, no `sourceTime`). */
    readonly apiVersion?: ApiVersion;
}
export interface QueryResponse {
    /** `{"value":[...],"continuationToken":...}` as JSON text. */
    readonly body: string;
    /** For the `query-charge` header. */
    readonly charge: number;
}
/**
 * Runs ADT queries page by page: text → syntax tree → analysed query (cached by text) → one SQL
 * statement for the page → rows spliced into JSON. A follow-up page re-analyses the token's query
 * text and resumes after the token's keyset position, so no server state lives between pages.
 */
export declare class QueryService {
    private readonly runner;
    private readonly compiler;
    readonly config: QueryServiceConfig;
    private readonly analyzed;
    /** First pages by limit and text: the common request compiles once. */
    private readonly firstPages;
    private tokens;
    constructor(runner: QueryRunner, compiler: BaseCompiler, config: QueryServiceConfig);
    query(request: QueryRequest): Promise<QueryResponse>;
    /** Parses and analyses query text, or throws the `SqlQueryError` ADT would. */
    prepare(text: string): AnalyzedQuery;
    private firstPage;
    private execute;
    private cursorOf;
    private tokenSigner;
}
