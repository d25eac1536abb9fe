/**
 * Guards run before parsing: the input must be plain JSON data of bounded nesting and size, so
 * that the recursive parser cannot exhaust the stack and never meets cycles or non-JSON values.
 */
/** Deeper JSON than any valid model needs (complex schemas nest at most 24 levels, extends 12). */
export declare const MAX_JSON_DEPTH = 512;
/** JSON values visited at most per document (shared sub-objects count each time they occur). */
export declare const MAX_JSON_NODES = 20000000;
export type JsonProblem = {
    readonly kind: "tooDeep";
} | {
    readonly kind: "tooLarge";
} | {
    readonly kind: "notJson";
    readonly detail: string;
};
/**
 * Iteratively scans a value; returns the first problem found, if any. A cyclic structure is
 * reported as too deep, since following it never ends.
 */
export declare function checkJsonValue(root: unknown): JsonProblem | undefined;
