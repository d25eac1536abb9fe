import { DoppelError } from "../errors/catalogue.js";
import { twinJsonForVersion } from "../graph/twinDocument.js";
import { hasTwinLastUpdateTime } from "../http/apiVersion.js";
import { QueryTimeoutError } from "../store/ports/queryRunner.js";
import { analyzeQuery } from "./analysis/analyzeQuery.js";
import { ContinuationTokens } from "./paging/continuationTokens.js";
import { queryCharge } from "./queryCharge.js";
import { semanticError } from "./queryError.js";
import { renderRows } from "./results/renderRows.js";
import { parseQuery } from "./syntax/parser.js";
const cacheSize = 4096;
/**
 * The store refused the statement for one of its size limits (variables, join width, expression
 * depth), which raised configured query limits can reach: the query's fault, not the server's.
 */
function isStoreLimitError(error) {
    if (!(error instanceof Error) || error.code !== "SQLITE_ERROR")
        return false;
    return /too many|too large|at most \d+|maximum depth/i.test(error.message);
}
/** A bounded cache: the oldest entry goes when it is full. Analysis and compilation are pure, so entries never go stale. */
function remember(cache, key, value) {
    if (cache.size >= cacheSize)
        cache.delete(cache.keys().next().value);
    cache.set(key, value);
}
/**
 * Runs ADT queries page by page: text → syntax tree → analysed query (cached by text) → one SQL
 * statement for the page → rows spliced into JSON. A follow-up page re-analyses the token's query
 * text and resumes after the token's keyset position, so no server state lives between pages.
 */
export class QueryService {
    runner;
    compiler;
    config;
    analyzed = new Map();
    /** First pages by limit and text: the common request compiles once. */
    firstPages = new Map();
    tokens = null;
    constructor(runner, compiler, config) {
        this.runner = runner;
        this.compiler = compiler;
        this.config = config;
    }
    async query(request) {
        const deadline = Date.now() + this.config.timeoutMs;
        const tokens = await this.tokenSigner();
        const cursor = this.cursorOf(request.continuationToken, tokens);
        const text = cursor ? cursor.query : request.query;
        if (typeof text !== "string") {
            throw new DoppelError("InvalidArgument", request.query === undefined || request.query === null
                ? "The request body must contain 'query' (or the 'continuationToken' of a previous page)."
                : "'query' must be a string.");
        }
        const query = this.prepare(text);
        const pageSize = Math.min(request.maxItemsPerPage ?? cursor?.pageSize ?? this.config.maxPageSize, this.config.maxPageSize);
        const returned = cursor?.returned ?? 0;
        const remaining = query.top === null ? Number.POSITIVE_INFINITY : Math.max(query.top - returned, 0);
        const pageRows = Math.min(pageSize, remaining);
        const limit = pageRows === remaining ? pageRows : pageRows + 1;
        const compiled = cursor
            ? this.compiler.compilePage(query, { after: cursor.after, limit })
            : this.firstPage(query, limit);
        const rows = pageRows === 0 && compiled.paged ? [] : await this.execute(compiled, query, deadline);
        const more = compiled.paged && rows.length > pageRows;
        const page = more ? rows.slice(0, pageRows) : rows;
        const version = request.apiVersion;
        const adaptTwin = version === undefined || hasTwinLastUpdateTime(version)
            ? null
            : (json) => twinJsonForVersion(json, version);
        const items = renderRows(page, compiled.sortColumns, compiled.output, adaptTwin);
        let token = null;
        if (more) {
            const last = page[page.length - 1];
            token = tokens.sign({
                query: text,
                after: last.slice(0, compiled.sortColumns),
                returned: returned + page.length,
                pageSize,
                page: (cursor?.page ?? 1) + 1,
            });
        }
        const body = `{"value":[${items.join(",")}],"continuationToken":${token === null ? "null" : JSON.stringify(token)}}`;
        return { body, charge: queryCharge(query, page.length) };
    }
    /** Parses and analyses query text, or throws the `SqlQueryError` ADT would. */
    prepare(text) {
        const cached = this.analyzed.get(text);
        if (cached)
            return cached;
        if (text.length > this.config.limits.maxQueryLength) {
            throw semanticError(`the query is ${text.length} characters long; at most ${this.config.limits.maxQueryLength} are allowed`, { line: 1, column: 0 });
        }
        const analyzed = analyzeQuery(text, parseQuery(text), { compat: this.config.compat, limits: this.config.limits });
        remember(this.analyzed, text, analyzed);
        return analyzed;
    }
    firstPage(query, limit) {
        const key = `${limit}\u0000${query.text}`;
        let compiled = this.firstPages.get(key);
        if (!compiled) {
            compiled = this.compiler.compilePage(query, { after: null, limit });
            remember(this.firstPages, key, compiled);
        }
        return compiled;
    }
    async execute(compiled, query, deadline) {
        try {
            return await this.runner.run({ sql: compiled.sql, params: compiled.params }, { deadline, light: query.light });
        }
        catch (error) {
            if (isStoreLimitError(error)) {
                throw semanticError(`the query is too large for the store: ${error.message}`, {
                    line: 1,
                    column: 0,
                });
            }
            if (error instanceof QueryTimeoutError) {
                const seconds = Math.round(this.config.timeoutMs / 100) / 10;
                throw new DoppelError("TimeoutError", `The query execution timed out after ${seconds} seconds. Try simplifying the query or adding conditions to reduce the result size.`, { cause: error });
            }
            throw error;
        }
    }
    cursorOf(token, tokens) {
        if (token === undefined || token === null)
            return null;
        const cursor = typeof token === "string" ? tokens.verify(token) : undefined;
        if (!cursor)
            throw new DoppelError("BadRequest", "An invalid continuationToken was provided.");
        return cursor;
    }
    async tokenSigner() {
        this.tokens ??= new ContinuationTokens(await this.runner.tokenSecret());
        return this.tokens;
    }
}
//# sourceMappingURL=queryService.js.map