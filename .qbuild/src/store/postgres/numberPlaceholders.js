/**
 * Rewrites `?` placeholders as PostgreSQL's `$n`, numbering from `first`. Question marks inside
 * string literals, quoted identifiers and comments are left alone.
 */
export function numberPlaceholders(sql, first = 1) {
    let out = "";
    let next = first;
    let i = 0;
    while (i < sql.length) {
        const ch = sql[i];
        if (ch === "'" || ch === '"') {
            const end = closingQuote(sql, i, ch);
            out += sql.slice(i, end);
            i = end;
        }
        else if (ch === "-" && sql[i + 1] === "-") {
            const end = sql.indexOf("\n", i);
            const stop = end < 0 ? sql.length : end;
            out += sql.slice(i, stop);
            i = stop;
        }
        else if (ch === "?") {
            out += `$${next++}`;
            i++;
        }
        else {
            out += ch;
            i++;
        }
    }
    return out;
}
/** Index just past the quote that closes the one at `start` (a doubled quote stays inside). */
function closingQuote(sql, start, quote) {
    let i = start + 1;
    while (i < sql.length) {
        if (sql[i] === quote) {
            if (sql[i + 1] === quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    return sql.length;
}
//# sourceMappingURL=numberPlaceholders.js.map