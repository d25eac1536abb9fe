/**
 * Size and shape limits applied to every request before a route sees it. Defaults follow ADT's
 * published limits (32 KB payload, 4 KB strings, 1 KB property names) where ADT has one.
 */
export interface RequestLimits {
    /** Largest request body in bytes (ADT: 32 KB); routes may carry their own (model uploads). */
    readonly bodyBytes: number;
    /** Largest body of POST /models (a batch of up to 250 models). */
    readonly modelUploadBytes: number;
    /** Deepest nesting of arrays and objects in a JSON body. */
    readonly jsonDepth: number;
    /** Longest object key (property name) in UTF-8 bytes, everywhere (ADT: 1 KB). */
    readonly keyBytes: number;
    /** Longest string value in a twin, component or relationship write, UTF-8 bytes (ADT: 4 KB). */
    readonly stringBytes: number;
    /** Longest id in a path (twin, relationship, route, endpoint, job ids), UTF-8 bytes. */
    readonly idBytes: number;
    /** Longest model id in a path (DTMIs may be long). */
    readonly modelIdBytes: number;
    /** Time allowed to receive the request headers (slow-loris guard). */
    readonly headersTimeoutMs: number;
    /** Time allowed to receive the whole request. */
    readonly requestTimeoutMs: number;
    /** Idle time before a kept-alive connection is closed. */
    readonly keepAliveTimeoutMs: number;
    /** A socket with no traffic either way for this long is closed (event streams send heartbeats). */
    readonly idleTimeoutMs: number;
}
export declare const defaultRequestLimits: RequestLimits;
