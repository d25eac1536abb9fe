/** 1-based line number of a UTF-16 offset in `text`. */
export function lineAt(text, offset) {
    let line = 1;
    for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1))
        line++;
    return line;
}
//# sourceMappingURL=lineAt.js.map