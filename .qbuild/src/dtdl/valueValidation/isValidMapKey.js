/**
 * Map keys are JSON member names, so always strings. Doppel's policy on top of that: a key
 * must be non-empty and must not start with `$`, the prefix ADT reserves for its own members
 * (`$metadata`, `$dtId`, …), so a map can never shadow or spoof them.
 */
export function isValidMapKey(key) {
    return key.length > 0 && !key.startsWith("$");
}
//# sourceMappingURL=isValidMapKey.js.map