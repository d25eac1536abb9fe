import type { Interface } from "../dtdl/model.js";
import { Problems, type SizeLimits } from "./contentValidation.js";
import type { ModelLookup } from "./modelLookup.js";
import type { TwinDoc } from "./twinDocument.js";
/** The model a PUT body names, after checking it exists (ADT's exact answer otherwise). */
export declare function modelOfTwinBody(body: Record<string, unknown>, models: ModelLookup): Interface;
/**
 * Builds the stored twin from a PUT body, validated against its model: every key is a Property
 * (value checked against its schema) or a Component (an object, checked likewise), every
 * component of the model is present, and `sourceTime`s are RFC 3339. `$dtId`, `$etag` and the
 * read-only metadata of a GET answer are accepted and ignored, so a twin read can be written back.
 */
export declare function buildTwin(input: {
    readonly id: string;
    readonly etag: string;
    readonly now: string;
    readonly body: Record<string, unknown>;
    readonly model: Interface;
    readonly models: ModelLookup;
    readonly limits: SizeLimits;
}): TwinDoc;
/** A component value from a PUT body or a whole-component patch. */
export declare function buildComponent(value: unknown, component: Interface, name: string, now: string, limits: SizeLimits, problems: Problems): Record<string, unknown>;
export declare function isValidSourceTime(value: unknown): value is string;
