/** RFC 7396 JSON Merge Patch: objects merge recursively, `null` removes, anything else replaces. */
export declare function applyMergePatch(target: unknown, patch: unknown): unknown;
