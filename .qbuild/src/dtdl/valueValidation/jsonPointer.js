/** Appends one reference token to a JSON Pointer (RFC 6901 escaping of `~` and `/`). */
export function appendPointer(pointer, token) {
    const text = typeof token === "number" ? String(token) : token.replaceAll("~", "~0").replaceAll("/", "~1");
    return `${pointer}/${text}`;
}
//# sourceMappingURL=jsonPointer.js.map