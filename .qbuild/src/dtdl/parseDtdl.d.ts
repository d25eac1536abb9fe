import type { ParseOptions, ParseResult } from "./model.js";
/** Options beyond the public ones, used by the conformance suite. */
export interface InternalParseOptions extends ParseOptions {
    /** Highest DTDL version accepted (default: the newest known). */
    readonly maxDtdlVersion?: number;
    /** DTDL v4 limit extensions a model may select, e.g. `dtmi:dtdl:limits:onvif`. */
    readonly acceptableLimitContexts?: readonly string[];
}
/**
 * Parses and validates DTDL documents (each an Interface object or an array of them, as parsed
 * JSON). Returns the object model, or every error found. Never throws.
 */
export declare function parseDtdl(documents: unknown[], options?: InternalParseOptions): ParseResult;
