import { syntaxError } from "../queryError.js";
/**
 * Splits query text into tokens. Keywords are not distinguished here: they are names that the
 * parser compares case-insensitively, so `contains` stays usable as a relationship name.
 * Whitespace includes U+200B and U+FEFF, which pasted documentation queries carry.
 */
export function tokenize(text) {
    return new Lexer(text).run();
}
const identifierStart = /[\p{L}_$]/u;
const identifierPart = /[\p{L}\p{N}_$]/u;
const extraWhitespace = new Set(["\u200B", "\uFEFF"]);
const simpleEscapes = {
    "'": "'",
    '"': '"',
    "\\": "\\",
    "/": "/",
    b: "\b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
};
class Lexer {
    text;
    offset = 0;
    line = 1;
    lineStart = 0;
    tokens = [];
    constructor(text) {
        this.text = text;
    }
    run() {
        for (;;) {
            this.skipWhitespace();
            if (this.offset >= this.text.length)
                break;
            this.tokens.push(this.next());
        }
        const at = this.locAt(this.offset, this.offset);
        this.tokens.push({ kind: "EOF", text: "<EOF>", value: "<EOF>", loc: at });
        return this.tokens;
    }
    skipWhitespace() {
        while (this.offset < this.text.length) {
            const char = this.text[this.offset];
            if (char === "\n") {
                this.offset += 1;
                this.line += 1;
                this.lineStart = this.offset;
            }
            else if (/\s/u.test(char) || extraWhitespace.has(char)) {
                this.offset += 1;
            }
            else {
                return;
            }
        }
    }
    next() {
        const start = this.offset;
        const char = this.text[start];
        const following = this.text[start + 1];
        switch (char) {
            case "*":
                return this.punctuation("Star", 1);
            case "(":
                return this.punctuation("LParen", 1);
            case ")":
                return this.punctuation("RParen", 1);
            case "]":
                return this.punctuation("RBracket", 1);
            case ",":
                return this.punctuation("Comma", 1);
            case ":":
                return this.punctuation("Colon", 1);
            case "|":
                return this.punctuation("Pipe", 1);
            case "-":
                return this.punctuation("Minus", 1);
            case "=":
                return this.punctuation("Eq", 1);
            case ".":
                return following === "." ? this.punctuation("DotDot", 2) : this.punctuation("Dot", 1);
            case "[":
                return following === "[" ? this.escapedName() : this.punctuation("LBracket", 1);
            case "!":
                if (following === "=")
                    return this.punctuation("Ne", 2);
                break;
            case "<":
                if (following === "=")
                    return this.punctuation("Le", 2);
                if (following === ">")
                    return this.punctuation("Ne", 2);
                return this.punctuation("Lt", 1);
            case ">":
                return following === "=" ? this.punctuation("Ge", 2) : this.punctuation("Gt", 1);
            case "'":
            case '"':
                return this.string(char);
        }
        if (char >= "0" && char <= "9")
            return this.number();
        if (identifierStart.test(char))
            return this.identifier();
        const codePoint = String.fromCodePoint(this.text.codePointAt(start));
        throw syntaxError(`token recognition error at: '${codePoint}'`, this.locAt(start, start + codePoint.length));
    }
    punctuation(kind, length) {
        const start = this.offset;
        this.offset += length;
        const text = this.text.slice(start, this.offset);
        return { kind, text, value: text, loc: this.locAt(start, this.offset) };
    }
    identifier() {
        const start = this.offset;
        this.offset += 1;
        while (this.offset < this.text.length) {
            const codePoint = String.fromCodePoint(this.text.codePointAt(this.offset));
            if (!identifierPart.test(codePoint))
                break;
            this.offset += codePoint.length;
        }
        const text = this.text.slice(start, this.offset);
        return { kind: "Name", text, value: text, loc: this.locAt(start, this.offset) };
    }
    /** `[[name]]`: any characters except `]]`, never a keyword. */
    escapedName() {
        const start = this.offset;
        const close = this.text.indexOf("]]", start + 2);
        if (close < 0)
            throw syntaxError("missing ']]' to close the escaped name", this.locAt(start, start + 2));
        const name = this.text.slice(start + 2, close);
        if (name === "")
            throw syntaxError("an escaped name '[[...]]' cannot be empty", this.locAt(start, close + 2));
        if (name.includes("\n"))
            throw syntaxError("an escaped name cannot span lines", this.locAt(start, close + 2));
        this.offset = close + 2;
        return {
            kind: "EscapedName",
            text: this.text.slice(start, this.offset),
            value: name,
            loc: this.locAt(start, this.offset),
        };
    }
    string(quote) {
        const start = this.offset;
        let value = "";
        let index = start + 1;
        for (;;) {
            if (index >= this.text.length || this.text[index] === "\n") {
                throw syntaxError(`token recognition error at: '${this.text.slice(start, index)}' (unterminated string)`, this.locAt(start, index));
            }
            const char = this.text[index];
            if (char === quote)
                break;
            if (char !== "\\") {
                value += char;
                index += 1;
                continue;
            }
            const escaped = this.text[index + 1] ?? "";
            if (escaped === "u") {
                const hex = this.text.slice(index + 2, index + 6);
                if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
                    throw syntaxError(`invalid escape sequence '\\u${hex}' in string`, this.locAt(index, index + 2));
                }
                value += String.fromCharCode(Number.parseInt(hex, 16));
                index += 6;
                continue;
            }
            const decoded = simpleEscapes[escaped];
            if (decoded === undefined) {
                throw syntaxError(`invalid escape sequence '\\${escaped}' in string`, this.locAt(index, index + 2));
            }
            value += decoded;
            index += 2;
        }
        this.offset = index + 1;
        return { kind: "String", text: this.text.slice(start, this.offset), value, loc: this.locAt(start, this.offset) };
    }
    /** Integers and decimals with an optional exponent; `1..3` is `1`, `..`, `3`. */
    number() {
        const start = this.offset;
        const match = /^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.text.slice(start, start + 400));
        this.offset = start + match[0].length;
        const text = match[0];
        const value = Number(text);
        if (!Number.isFinite(value))
            throw syntaxError(`number '${text}' is out of range`, this.locAt(start, this.offset));
        if (identifierStart.test(this.text[this.offset] ?? "")) {
            throw syntaxError(`token recognition error at: '${text}${this.text[this.offset]}' (names starting with a digit must be escaped as [[...]])`, this.locAt(start, this.offset));
        }
        return { kind: "Number", text, value, loc: this.locAt(start, this.offset) };
    }
    locAt(start, end) {
        return { start, end, line: this.line, column: start - this.lineStart };
    }
}
//# sourceMappingURL=lexer.js.map