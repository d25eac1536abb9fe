import type { Schema } from "../dtdl/model.js";
import type { ErrorDetail } from "../errors/catalogue.js";
import type { GraphConfig } from "./graphConfig.js";
/** Collects what is wrong with a document, bounded so one huge bad value needs one answer. */
export declare class Problems {
    readonly details: ErrorDetail[];
    add(message: string): void;
    get any(): boolean;
}
export type SizeLimits = Pick<GraphConfig, "maxStringBytes" | "maxPropertyNameBytes">;
/**
 * Checks a property (or field) value against its DTDL schema and the size limits; `pointer` is
 * the value's JSON Pointer in the twin or relationship, named in each problem.
 */
export declare function checkValue(schema: Schema, value: unknown, pointer: string, limits: SizeLimits, problems: Problems): void;
/** Property names and strings at any depth within the limits (UTF-8 bytes). */
export declare function checkSizes(value: unknown, pointer: string, limits: SizeLimits, problems: Problems): void;
export declare function checkName(name: string, pointer: string, limits: SizeLimits, problems: Problems): void;
/** UTF-8 length above `max`; cheap for the common short string (at most 3 bytes per UTF-16 unit). */
export declare function exceeds(text: string, max: number): boolean;
