/**
 * Offsets at which each document of a model file starts: the root object itself, or each
 * element of a root array. Assumes text that `JSON.parse` has accepted, so a plain scan that
 * tracks strings and nesting depth is enough.
 */
export declare function locateDocuments(text: string): number[];
