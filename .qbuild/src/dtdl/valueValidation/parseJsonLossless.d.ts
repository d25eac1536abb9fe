/** Thrown for malformed JSON text; `position` is the UTF-16 offset of the problem. */
export declare class JsonSyntaxError extends Error {
    readonly position: number;
    constructor(message: string, position: number);
}
/**
 * Parses JSON text (RFC 8259) like `JSON.parse`, except that every number becomes a
 * `JsonNumber` holding its exact source text.
 */
export declare function parseJsonLossless(text: string): unknown;
