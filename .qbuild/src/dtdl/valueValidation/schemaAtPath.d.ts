import type { Schema } from "../model.js";
export type SchemaAtPath = {
    readonly ok: true;
    readonly schema: Schema;
} | {
    readonly ok: false;
    /** How many tokens were followed before the one that does not fit. */
    readonly depth: number;
    readonly message: string;
};
/**
 * The schema of the value a JSON Pointer (already split into unescaped tokens) reaches inside a
 * value of `schema`: Object fields by name, Map values by any allowed key, Array elements by
 * index or `-` (JSON Patch's "end of array"). For patches such as `/position/latitude`.
 */
export declare function schemaAtPath(schema: Schema, tokens: readonly string[]): SchemaAtPath;
