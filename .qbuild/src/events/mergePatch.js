/** RFC 7396 JSON Merge Patch: objects merge recursively, `null` removes, anything else replaces. */
export function applyMergePatch(target, patch) {
    if (patch === null || typeof patch !== "object" || Array.isArray(patch))
        return patch;
    const result = target !== null && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(patch)) {
        if (value === null)
            delete result[key];
        else
            result[key] = applyMergePatch(result[key], value);
    }
    return result;
}
//# sourceMappingURL=mergePatch.js.map