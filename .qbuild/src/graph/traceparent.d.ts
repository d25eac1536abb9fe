/**
 * The request's W3C `traceparent` when it is well formed, else a new one: events carry the trace
 * of the change that caused them, and ADT stamps one even when the caller sent none.
 */
export declare function resolveTraceparent(header: string | undefined): string;
export declare function newTraceparent(): string;
