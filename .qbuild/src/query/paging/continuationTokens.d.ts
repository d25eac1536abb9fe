import type { SqlValue } from "../compile/base.js";
/**
 * Where a paged query stands. The token carries the query text (re-analysed on every page, never
 * trusted as SQL), the keyset position of the last row returned, and counters.
 */
export interface QueryCursor {
    readonly query: string;
    /** Sort values of the last row returned; the next page starts strictly after them. */
    readonly after: readonly SqlValue[];
    /** Rows returned so far, for TOP. */
    readonly returned: number;
    /** Page size of the first request, used when a follow-up does not send `max-items-per-page`. */
    readonly pageSize: number;
    readonly page: number;
}
/**
 * Continuation tokens: a base64url JSON payload and its HMAC-SHA256 under the store's secret.
 * Anything that does not verify is rejected, never interpreted, so a token can be neither forged
 * nor edited; and since it holds values, not SQL, even a valid one cannot change what runs.
 */
export declare class ContinuationTokens {
    private readonly key;
    constructor(secret: Uint8Array);
    sign(cursor: QueryCursor): string;
    /** The cursor, or undefined when the token is malformed, forged or edited. */
    verify(token: string): QueryCursor | undefined;
    private mac;
}
