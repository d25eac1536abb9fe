import { filterError } from "./filterError.js";
const namePattern = /[A-Za-z0-9_$]/;
const nameStartPattern = /[A-Za-z_$]/;
const twoCharOperators = new Set(["!=", "<>", "<=", ">="]);
/** Splits a filter into tokens; the last one is always `end`. */
export function tokenizeFilter(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") {
            i++;
            continue;
        }
        const start = i;
        if (nameStartPattern.test(ch)) {
            while (i < text.length && namePattern.test(text[i]))
                i++;
            const word = text.slice(start, i);
            tokens.push({ kind: "name", text: word, offset: start, raw: word });
        }
        else if (isDigit(ch) || (ch === "." && isDigit(text[i + 1]))) {
            i = scanNumber(text, i);
            const raw = text.slice(start, i);
            tokens.push({ kind: "number", text: raw, offset: start, raw });
        }
        else if (ch === "'") {
            const { value, end } = scanString(text, i);
            i = end;
            tokens.push({ kind: "string", text: value, offset: start, raw: text.slice(start, end) });
        }
        else if (twoCharOperators.has(text.slice(i, i + 2))) {
            const op = text.slice(i, i + 2);
            i += 2;
            tokens.push({ kind: "operator", text: op === "<>" ? "!=" : op, offset: start, raw: op });
        }
        else if (ch === "=" || ch === "<" || ch === ">") {
            i++;
            tokens.push({ kind: "operator", text: ch, offset: start, raw: ch });
        }
        else if (ch === "(" || ch === ")" || ch === "," || ch === "." || ch === "-") {
            i++;
            tokens.push({ kind: "punct", text: ch, offset: start, raw: ch });
        }
        else {
            throw filterError(text, start, `Unexpected input '${ch}'`);
        }
    }
    tokens.push({ kind: "end", text: "", offset: text.length, raw: "" });
    return tokens;
}
function isDigit(ch) {
    return ch !== undefined && ch >= "0" && ch <= "9";
}
function scanNumber(text, i) {
    while (isDigit(text[i]))
        i++;
    if (text[i] === "." && isDigit(text[i + 1])) {
        i++;
        while (isDigit(text[i]))
            i++;
    }
    if (text[i] === "e" || text[i] === "E") {
        let j = i + 1;
        if (text[j] === "+" || text[j] === "-")
            j++;
        if (isDigit(text[j])) {
            while (isDigit(text[j]))
                j++;
            i = j;
        }
    }
    return i;
}
/** Single-quoted; a quote inside is written twice (`'it''s'`), as in SQL. */
function scanString(text, i) {
    const start = i;
    let value = "";
    i++;
    while (i < text.length) {
        const ch = text[i];
        if (ch === "'") {
            if (text[i + 1] === "'") {
                value += "'";
                i += 2;
                continue;
            }
            return { value, end: i + 1 };
        }
        value += ch;
        i++;
    }
    throw filterError(text, start, "Unterminated string literal");
}
//# sourceMappingURL=filterLexer.js.map