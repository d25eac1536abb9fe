import { filterError } from "./filterError.js";
import { tokenizeFilter } from "./filterLexer.js";
/**
 * Parses an event route filter (ADT's language plus `CHANGED(...)`, see docs/events.md):
 *
 *   filter     := or END
 *   or         := and ( OR and )*
 *   and        := not ( AND not )*
 *   not        := NOT not | comparison
 *   comparison := operand ( compareOp operand )?
 *   operand    := literal | attribute | body | call | '(' or ')'
 *   body       := '$body' ( '.' name )*
 *   call       := name '(' ( or ( ',' or )* )? ')'
 *
 * Keywords (AND, OR, NOT, true, false, null) and function names are not case-sensitive — the
 * live service accepts `or` — while attribute names and values are. Throws
 * EventRouteFilterInvalid with ADT's Line/Position message.
 */
export function parseFilter(text) {
    if (text.length > maxFilterLength) {
        throw filterError(text, maxFilterLength, `The filter is longer than ${maxFilterLength} characters`);
    }
    const parser = new FilterParser(text, tokenizeFilter(text));
    const node = parser.parseFilter();
    checkBoolean(text, node);
    checkNode(text, node);
    return node;
}
export const maxFilterLength = 4096;
const maxDepth = 64;
export const contextAttributes = new Set([
    "specversion",
    "type",
    "source",
    "subject",
    "id",
    "time",
    "dataschema",
    "datacontenttype",
    "traceparent",
    "$eventType",
]);
/** Functions and their argument counts. */
const functions = {
    STARTS_WITH: [2, 2],
    ENDS_WITH: [2, 2],
    CONTAINS: [2, 2],
    CHANGED: [1, 2],
};
const keywords = new Set(["AND", "OR", "NOT", "TRUE", "FALSE", "NULL"]);
class FilterParser {
    text;
    tokens;
    index = 0;
    depth = 0;
    constructor(text, tokens) {
        this.text = text;
        this.tokens = tokens;
    }
    parseFilter() {
        if (this.peek().kind === "end")
            throw this.error(this.peek(), "The filter is empty");
        const node = this.parseOr();
        const next = this.peek();
        if (next.kind !== "end")
            throw this.unexpected(next);
        return node;
    }
    parseOr() {
        let left = this.parseAnd();
        while (this.isKeyword(this.peek(), "OR")) {
            const op = this.advance();
            left = { kind: "or", offset: op.offset, left, right: this.parseAnd() };
        }
        return left;
    }
    parseAnd() {
        let left = this.parseNot();
        while (this.isKeyword(this.peek(), "AND")) {
            const op = this.advance();
            left = { kind: "and", offset: op.offset, left, right: this.parseNot() };
        }
        return left;
    }
    parseNot() {
        const token = this.peek();
        if (this.isKeyword(token, "NOT")) {
            this.advance();
            return this.nested(token, () => ({ kind: "not", offset: token.offset, operand: this.parseNot() }));
        }
        return this.parseComparison();
    }
    parseComparison() {
        const left = this.parseOperand();
        const op = this.peek();
        if (op.kind !== "operator")
            return left;
        this.advance();
        const right = this.parseOperand();
        return { kind: "comparison", offset: op.offset, operator: op.text, left, right };
    }
    parseOperand() {
        const token = this.peek();
        switch (token.kind) {
            case "string":
                this.advance();
                return { kind: "literal", offset: token.offset, value: token.text };
            case "number":
                this.advance();
                return { kind: "literal", offset: token.offset, value: Number(token.text) };
            case "punct":
                return this.parsePunctOperand(token);
            case "name":
                return this.parseNameOperand(token);
            default:
                throw this.unexpected(token);
        }
    }
    parsePunctOperand(token) {
        if (token.text === "(") {
            this.advance();
            const inner = this.nested(token, () => this.parseOr());
            this.expectPunct(")");
            return inner;
        }
        if (token.text === "-" && this.peek(1).kind === "number") {
            this.advance();
            const number = this.advance();
            return { kind: "literal", offset: token.offset, value: -Number(number.text) };
        }
        throw this.unexpected(token);
    }
    parseNameOperand(token) {
        const upper = token.text.toUpperCase();
        if (upper === "TRUE" || upper === "FALSE" || upper === "NULL") {
            this.advance();
            return { kind: "literal", offset: token.offset, value: upper === "NULL" ? null : upper === "TRUE" };
        }
        if (keywords.has(upper))
            throw this.unexpected(token);
        this.advance();
        if (this.peek().kind === "punct" && this.peek().text === "(")
            return this.parseCall(token);
        if (token.text === "$body")
            return this.parseBodyPath(token);
        return { kind: "attribute", offset: token.offset, name: token.text };
    }
    parseCall(name) {
        this.advance(); // (
        const args = [];
        if (!this.isPunct(this.peek(), ")")) {
            args.push(this.nested(name, () => this.parseOr()));
            while (this.isPunct(this.peek(), ",")) {
                this.advance();
                args.push(this.nested(name, () => this.parseOr()));
            }
        }
        this.expectPunct(")");
        return { kind: "call", offset: name.offset, name: name.text.toUpperCase(), args };
    }
    parseBodyPath(start) {
        const path = [];
        while (this.isPunct(this.peek(), ".")) {
            this.advance();
            const member = this.peek();
            if (member.kind !== "name" && member.kind !== "number")
                throw this.unexpected(member);
            this.advance();
            path.push(member.raw);
        }
        return { kind: "body", offset: start.offset, path };
    }
    nested(at, parse) {
        if (++this.depth > maxDepth)
            throw this.error(at, `The filter nests deeper than ${maxDepth} levels`);
        try {
            return parse();
        }
        finally {
            this.depth--;
        }
    }
    peek(ahead = 0) {
        return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
    }
    advance() {
        const token = this.peek();
        if (this.index < this.tokens.length - 1)
            this.index++;
        return token;
    }
    isKeyword(token, keyword) {
        return token.kind === "name" && token.text.toUpperCase() === keyword;
    }
    isPunct(token, punct) {
        return token.kind === "punct" && token.text === punct;
    }
    expectPunct(punct) {
        const token = this.peek();
        if (!this.isPunct(token, punct))
            throw this.unexpected(token);
        this.advance();
    }
    unexpected(token) {
        if (token.kind === "end")
            return this.error(token, "Unexpected end of input");
        return this.error(token, `Unexpected input '${token.raw}'`);
    }
    error(token, message) {
        return filterError(this.text, token.offset, message);
    }
}
function typeOf(node) {
    switch (node.kind) {
        case "literal":
            return typeof node.value === "boolean" ? "boolean" : "value";
        case "attribute":
            return "value";
        case "body":
            return "dynamic";
        default:
            return "boolean";
    }
}
/** Where a condition is expected (the whole filter, AND/OR/NOT operands) a value will not do. */
function checkBoolean(text, node) {
    if (typeOf(node) === "value") {
        throw filterError(text, node.offset, "Expected a condition (a comparison, a function or true/false)");
    }
}
function checkNode(text, node) {
    switch (node.kind) {
        case "attribute":
            if (!contextAttributes.has(node.name)) {
                throw filterError(text, node.offset, `Unknown attribute '${node.name}'`);
            }
            return;
        case "not":
            checkBoolean(text, node.operand);
            checkNode(text, node.operand);
            return;
        case "and":
        case "or":
            for (const side of [node.left, node.right]) {
                checkBoolean(text, side);
                checkNode(text, side);
            }
            return;
        case "comparison":
            checkNode(text, node.left);
            checkNode(text, node.right);
            return;
        case "call":
            checkCall(text, node);
            return;
        default:
            return;
    }
}
function checkCall(text, node) {
    const arity = functions[node.name];
    if (!arity)
        throw filterError(text, node.offset, `Unknown function '${node.name}'`);
    const [min, max] = arity;
    if (node.args.length < min || node.args.length > max) {
        const expected = min === max ? `${min}` : `${min} or ${max}`;
        throw filterError(text, node.offset, `Function '${node.name}' takes ${expected} arguments`);
    }
    if (node.name === "CHANGED") {
        checkChangedArgs(text, node.args);
        return;
    }
    for (const arg of node.args)
        checkNode(text, arg);
}
function checkChangedArgs(text, args) {
    const [path, op] = args;
    if (path?.kind !== "literal" || typeof path.value !== "string" || !path.value.startsWith("/")) {
        throw filterError(text, path?.offset ?? 0, "CHANGED takes a JSON Pointer string such as '/temperature'");
    }
    if (op && (op.kind !== "literal" || (op.value !== "add" && op.value !== "replace" && op.value !== "remove"))) {
        throw filterError(text, op.offset, "CHANGED's second argument is one of 'add', 'replace', 'remove'");
    }
}
//# sourceMappingURL=parseFilter.js.map