/**
 * Continuation tokens for `GET /models`. A token carries only the upload-order cursor and is
 * HMAC-signed together with the request's `dependenciesFor` set, so it cannot be forged, edited or
 * replayed against a different filter: anything that does not verify is rejected, never
 * interpreted. The key lives in memory, so tokens do not outlive the process (ADT's expire too).
 */
export interface ModelPageCursor {
    /** The last upload sequence number already returned. */
    readonly afterSeq: number;
    /** Page size asked for on the first page; used when a follow-up request does not repeat it. */
    readonly pageSize: number;
}
export declare class ModelPageTokens {
    private readonly key;
    constructor(key?: Uint8Array);
    sign(cursor: ModelPageCursor, filter: readonly string[]): string;
    /** The cursor, or undefined when the token is malformed, forged or bound to another filter. */
    verify(token: string, filter: readonly string[]): ModelPageCursor | undefined;
    private mac;
}
