/**
 * Offsets at which each document of a model file starts: the root object itself, or each
 * element of a root array. Assumes text that `JSON.parse` has accepted, so a plain scan that
 * tracks strings and nesting depth is enough.
 */
export function locateDocuments(text) {
    let pos = skipWhitespace(text, 0);
    if (text[pos] !== "[")
        return [pos];
    const starts = [];
    pos = skipWhitespace(text, pos + 1);
    if (text[pos] === "]")
        return starts;
    for (;;) {
        starts.push(pos);
        pos = skipWhitespace(text, skipValue(text, pos));
        if (text[pos] !== ",")
            return starts;
        pos = skipWhitespace(text, pos + 1);
    }
}
/** Returns the offset just past the JSON value starting at `pos`. */
function skipValue(text, pos) {
    let depth = 0;
    let inString = false;
    for (; pos < text.length; pos++) {
        const ch = text[pos];
        if (inString) {
            if (ch === "\\")
                pos++;
            else if (ch === '"') {
                inString = false;
                if (depth === 0)
                    return pos + 1;
            }
            continue;
        }
        if (ch === '"')
            inString = true;
        else if (ch === "{" || ch === "[")
            depth++;
        else if (ch === "}" || ch === "]") {
            depth--;
            if (depth === 0)
                return pos + 1;
        }
        else if (depth === 0 && (ch === "," || ch === " " || ch === "\n" || ch === "\r" || ch === "\t"))
            return pos;
    }
    return pos;
}
function skipWhitespace(text, pos) {
    while (pos < text.length && (text[pos] === " " || text[pos] === "\n" || text[pos] === "\r" || text[pos] === "\t")) {
        pos++;
    }
    return pos;
}
//# sourceMappingURL=locateDocuments.js.map