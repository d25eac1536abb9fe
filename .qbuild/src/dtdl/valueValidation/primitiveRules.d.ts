import type { PrimitiveSchemaName } from "../model.js";
export interface PrimitiveRule {
    /** What a conforming value looks like, for messages. */
    readonly expected: string;
    readonly accepts: (value: unknown) => boolean;
}
/** One rule per DTDL primitive schema (v2–v4). */
export declare const primitiveRules: Readonly<Record<PrimitiveSchemaName, PrimitiveRule>>;
