import { JsonNumber } from "./jsonNumber.js";
/** Thrown for malformed JSON text; `position` is the UTF-16 offset of the problem. */
export class JsonSyntaxError extends Error {
    position;
    constructor(message, position) {
        super(`${message} at position ${position}`);
        this.position = position;
        this.name = "JsonSyntaxError";
    }
}
/** Deeper documents are refused rather than risking the call stack. */
const maxDepth = 1000;
/**
 * Parses JSON text (RFC 8259) like `JSON.parse`, except that every number becomes a
 * `JsonNumber` holding its exact source text.
 */
export function parseJsonLossless(text) {
    const cursor = { text, pos: 0 };
    skipWhitespace(cursor);
    const value = parseValue(cursor, 0);
    skipWhitespace(cursor);
    if (cursor.pos < text.length)
        throw new JsonSyntaxError("Unexpected data after the JSON value", cursor.pos);
    return value;
}
function parseValue(cursor, depth) {
    const ch = cursor.text[cursor.pos];
    switch (ch) {
        case "{":
            return parseObject(cursor, depth + 1);
        case "[":
            return parseArray(cursor, depth + 1);
        case '"':
            return parseString(cursor);
        case "t":
            return parseLiteral(cursor, "true", true);
        case "f":
            return parseLiteral(cursor, "false", false);
        case "n":
            return parseLiteral(cursor, "null", null);
        default:
            if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9"))
                return parseNumber(cursor);
            throw new JsonSyntaxError(ch === undefined ? "Unexpected end of JSON" : `Unexpected character '${ch}'`, cursor.pos);
    }
}
function parseObject(cursor, depth) {
    if (depth > maxDepth)
        throw new JsonSyntaxError("JSON nested too deeply", cursor.pos);
    cursor.pos++;
    const result = {};
    skipWhitespace(cursor);
    if (cursor.text[cursor.pos] === "}") {
        cursor.pos++;
        return result;
    }
    for (;;) {
        skipWhitespace(cursor);
        if (cursor.text[cursor.pos] !== '"')
            throw new JsonSyntaxError("Expected a property name", cursor.pos);
        const key = parseString(cursor);
        skipWhitespace(cursor);
        expect(cursor, ":");
        skipWhitespace(cursor);
        const value = parseValue(cursor, depth);
        // Own data property even for "__proto__", as JSON.parse does.
        Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
        skipWhitespace(cursor);
        if (cursor.text[cursor.pos] === ",") {
            cursor.pos++;
            continue;
        }
        expect(cursor, "}");
        return result;
    }
}
function parseArray(cursor, depth) {
    if (depth > maxDepth)
        throw new JsonSyntaxError("JSON nested too deeply", cursor.pos);
    cursor.pos++;
    const result = [];
    skipWhitespace(cursor);
    if (cursor.text[cursor.pos] === "]") {
        cursor.pos++;
        return result;
    }
    for (;;) {
        skipWhitespace(cursor);
        result.push(parseValue(cursor, depth));
        skipWhitespace(cursor);
        if (cursor.text[cursor.pos] === ",") {
            cursor.pos++;
            continue;
        }
        expect(cursor, "]");
        return result;
    }
}
const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
function parseNumber(cursor) {
    numberPattern.lastIndex = cursor.pos;
    const match = numberPattern.exec(cursor.text);
    if (!match)
        throw new JsonSyntaxError("Malformed number", cursor.pos);
    cursor.pos += match[0].length;
    return new JsonNumber(match[0]);
}
const escapes = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    b: "\b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
};
function parseString(cursor) {
    const { text } = cursor;
    let pos = cursor.pos + 1;
    let out = "";
    let chunkStart = pos;
    for (;;) {
        const code = text.charCodeAt(pos);
        if (Number.isNaN(code))
            throw new JsonSyntaxError("Unterminated string", pos);
        if (code === 0x22)
            break;
        if (code < 0x20)
            throw new JsonSyntaxError("Control character in string", pos);
        if (code !== 0x5c) {
            pos++;
            continue;
        }
        out += text.slice(chunkStart, pos);
        const escaped = text[pos + 1];
        if (escaped === "u") {
            const hex = text.slice(pos + 2, pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex))
                throw new JsonSyntaxError("Malformed unicode escape", pos);
            out += String.fromCharCode(Number.parseInt(hex, 16));
            pos += 6;
        }
        else {
            const replacement = escaped === undefined ? undefined : escapes[escaped];
            if (replacement === undefined)
                throw new JsonSyntaxError("Malformed escape", pos);
            out += replacement;
            pos += 2;
        }
        chunkStart = pos;
    }
    out += text.slice(chunkStart, pos);
    cursor.pos = pos + 1;
    return out;
}
function parseLiteral(cursor, word, value) {
    if (!cursor.text.startsWith(word, cursor.pos))
        throw new JsonSyntaxError("Unexpected token", cursor.pos);
    cursor.pos += word.length;
    return value;
}
function expect(cursor, ch) {
    if (cursor.text[cursor.pos] !== ch) {
        throw new JsonSyntaxError(`Expected '${ch}'`, cursor.pos);
    }
    cursor.pos++;
}
function skipWhitespace(cursor) {
    const { text } = cursor;
    let pos = cursor.pos;
    for (;;) {
        const ch = text.charCodeAt(pos);
        if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09)
            pos++;
        else
            break;
    }
    cursor.pos = pos;
}
//# sourceMappingURL=parseJsonLossless.js.map