import type { PatchOperation } from "../events/cloudEvents.js";
import { type TwinDoc } from "./twinDocument.js";
/**
 * The JSON Patch that turns one twin into another, for the Update event of a replacing PUT:
 * changed values (components property by property) and a model change.
 */
export declare function diffTwins(before: TwinDoc, after: TwinDoc): PatchOperation[];
/** The patch between two relationships' properties. */
export declare function diffProperties(before: Record<string, unknown>, after: Record<string, unknown>): PatchOperation[];
