import type { Schema } from "./model.js";
export { JsonNumber } from "./valueValidation/jsonNumber.js";
export { JsonSyntaxError, parseJsonLossless } from "./valueValidation/parseJsonLossless.js";
export { type SchemaAtPath, schemaAtPath } from "./valueValidation/schemaAtPath.js";
/** One way a value fails its schema; `path` is a JSON Pointer to the offending part. */
export interface ValueError {
    readonly path: string;
    readonly message: string;
}
/**
 * Checks a JSON value against a DTDL schema, returning every violation found (empty when the
 * value conforms). Numbers may be plain JS numbers or `JsonNumber`s (see `parseJsonLossless`)
 * for exact integer checks. Object fields are all optional but unknown fields are refused;
 * `null` never conforms.
 */
export declare function validateValue(schema: Schema, value: unknown, path?: string): ValueError[];
