import type { PatchOperation } from "../events/cloudEvents.js";
/** One parsed JSON Patch (RFC 6902) operation of the subset ADT accepts. */
export interface PatchOp {
    readonly op: "add" | "replace" | "remove";
    /** The path as sent (a JSON Pointer). */
    readonly path: string;
    /** The decoded reference tokens of `path`. */
    readonly segments: readonly string[];
    /** Present for add and replace. */
    readonly value?: unknown;
}
/**
 * Checks the shape of a patch document: an array of `{op, path, value?}` with `op` one of
 * add, replace, remove (ADT refuses move, copy and test).
 */
export declare function parsePatchDocument(body: unknown): PatchOp[];
/** RFC 6901: `/a/b~1c` → ["a", "b/c"]. The root pointer "" is not a valid target here. */
export declare function parsePointer(path: string): string[];
/** The operation as Update events carry it (keys in ADT's order: value, path, op). */
export declare function toEventOperation(op: PatchOp, pathPrefix?: string): PatchOperation;
/**
 * Applies one operation inside a JSON value (a property value), at `segments` relative to it
 * (at least one segment). Mutates and returns nothing; throws JsonPatchInvalid when the target
 * location does not exist.
 */
export declare function applyInside(root: unknown, segments: readonly string[], op: PatchOp): void;
export declare function isObject(value: unknown): value is Record<string, unknown>;
