/**
 * A JSON number kept as its source text. `JSON.parse` cannot tell `0` from `0.0`, nor
 * 9223372036854775807 from 9223372036854775808; DTDL's integer kinds depend on both, so
 * callers that still hold the request text can parse it with `parseJsonLossless` and hand
 * these to `validateValue` for exact answers.
 */
export declare class JsonNumber {
    readonly text: string;
    constructor(text: string);
    /** Plain JSON output; precision beyond a double is lost here, not during validation. */
    toJSON(): number;
    valueOf(): number;
}
