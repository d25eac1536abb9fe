import { syntaxError } from "../queryError.js";
import { aggregateFunctions, reservedWords, stringMatchFunctions, typeCheckFunctions } from "./keywords.js";
import { tokenize } from "./lexer.js";
/**
 * Parses ADT query text (plus Doppel's extensions: DISTINCT, GROUP BY, ORDER BY, aggregates)
 * into a syntax tree. Recursive descent, one method per grammar rule; the first error throws a
 * `SqlQueryError` with ADT's `Line`/`Position`. Whether a construct is allowed in the current
 * mode is decided later, by analysis.
 */
export function parseQuery(text) {
    return new Parser(tokenize(text)).parseQuery();
}
const comparisonOperators = {
    Eq: "=",
    Ne: "!=",
    Lt: "<",
    Le: "<=",
    Gt: ">",
    Ge: ">=",
};
/** Words that end a FROM alias position: the next clause starts. */
const clauseWords = new Set(["JOIN", "MATCH", "WHERE", "GROUP", "ORDER"]);
/** Parentheses and NOTs deeper than this are refused (the stack, and SQL's expression depth, are finite). */
export const maxNesting = 64;
class Parser {
    tokens;
    index = 0;
    depth = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    /** Query : SELECT Select FROM From ( Join* | Match ) [WHERE Or] [GROUP BY Paths] [ORDER BY OrderItems] EOF */
    parseQuery() {
        const first = this.peek();
        const select = this.parseSelect();
        const from = this.parseFrom();
        const joins = [];
        let match = null;
        for (;;) {
            if (this.atKeyword("JOIN"))
                joins.push(this.parseJoin());
            else if (this.atKeyword("MATCH")) {
                if (match)
                    throw syntaxError("a query can have only one MATCH clause", this.peek().loc);
                match = this.parseMatch();
            }
            else
                break;
        }
        const where = this.acceptKeyword("WHERE") ? this.parseOr() : null;
        const groupBy = this.atKeyword("GROUP") ? this.parseGroupBy() : [];
        const orderBy = this.atKeyword("ORDER") ? this.parseOrderBy() : [];
        if (this.peek().kind !== "EOF") {
            throw this.unexpected(this.followingClauses(joins.length > 0 || match !== null, where, groupBy, orderBy));
        }
        return { kind: "Query", select, from, joins, match, where, groupBy, orderBy, loc: this.span(first) };
    }
    /** Select : SELECT [DISTINCT] [TOP ( int )] ( * | SelectItem {, SelectItem} )? */
    parseSelect() {
        const start = this.peek();
        this.expectKeyword("SELECT");
        const distinct = this.acceptKeyword("DISTINCT") !== null;
        const top = this.atKeyword("TOP") ? this.parseTop() : null;
        if (this.accept("Star"))
            return { kind: "Select", distinct, top, star: true, items: [], loc: this.span(start) };
        if (top && this.atKeyword("FROM"))
            return { kind: "Select", distinct, top, star: true, items: [], loc: this.span(start) };
        const items = [this.parseSelectItem()];
        while (this.accept("Comma"))
            items.push(this.parseSelectItem());
        return { kind: "Select", distinct, top, star: false, items, loc: this.span(start) };
    }
    /** Top : TOP ( int ) */
    parseTop() {
        const start = this.advance();
        this.expect("LParen", "'('");
        const count = this.peek();
        if (count.kind !== "Number")
            throw this.unexpected(["<integer>"]);
        if (!Number.isInteger(count.value) || count.value < 1) {
            throw syntaxError(`TOP needs a positive integer, got '${count.text}'`, count.loc);
        }
        this.advance();
        this.expect("RParen", "')'");
        return { kind: "Top", count: count.value, loc: this.span(start) };
    }
    /** SelectItem : ( Aggregate | Path ) [AS Name] */
    parseSelectItem() {
        const start = this.peek();
        const value = this.atAggregate() ? this.parseAggregate() : this.parsePath(["'*'", "COUNT", "TOP", "<name>"]);
        let alias = null;
        if (this.acceptKeyword("AS"))
            alias = this.parseName("an output name after AS", false);
        return { kind: "SelectItem", value, alias, loc: this.span(start) };
    }
    /** Aggregate : ( COUNT | SUM | AVG | MIN | MAX ) ( [Path] ) */
    parseAggregate() {
        const start = this.advance();
        const fn = start.text.toUpperCase();
        this.expect("LParen", "'('");
        const argument = this.peek().kind === "RParen" ? null : this.parsePath(["')'", "<name>"]);
        this.expect("RParen", "')'");
        return { kind: "Aggregate", fn, argument, loc: this.span(start) };
    }
    /** From : FROM ( DIGITALTWINS | RELATIONSHIPS ) [AS] [alias] */
    parseFrom() {
        const start = this.peek();
        this.expectKeyword("FROM");
        const collection = this.peek();
        if (collection.kind === "LParen")
            throw syntaxError("subqueries are not supported in FROM", collection.loc);
        const upper = collection.kind === "Name" ? collection.text.toUpperCase() : "";
        if (upper !== "DIGITALTWINS" && upper !== "RELATIONSHIPS")
            throw this.unexpected(["DIGITALTWINS", "RELATIONSHIPS"]);
        this.advance();
        const as = this.acceptKeyword("AS");
        let alias = null;
        if (as || this.atAliasName())
            alias = this.parseName("an alias", false);
        return { kind: "From", collection: upper, alias, loc: this.span(start) };
    }
    /** Join : JOIN alias RELATED alias . relationshipName [alias] */
    parseJoin() {
        const start = this.advance();
        const target = this.parseName("the joined alias", false);
        this.expectKeyword("RELATED");
        const source = this.parseName("an alias", false);
        this.expect("Dot", "'.'");
        const relationship = this.parseName("a relationship name", true);
        const relationshipAlias = this.atAliasName() ? this.parseName("an alias", false) : null;
        return { kind: "Join", target, source, relationship, relationshipAlias, loc: this.span(start) };
    }
    /** Match : MATCH Node { Edge Node } */
    parseMatch() {
        const start = this.advance();
        const nodes = [this.parseMatchNode()];
        const edges = [];
        while (this.peek().kind === "Minus" || this.peek().kind === "Lt") {
            edges.push(this.parseMatchEdge());
            nodes.push(this.parseMatchNode());
        }
        return { kind: "Match", nodes, edges, loc: this.span(start) };
    }
    /** Node : ( [alias] ) */
    parseMatchNode() {
        const start = this.peek();
        this.expect("LParen", "'('");
        const alias = this.peek().kind === "RParen" ? null : this.parseName("a node alias", false);
        this.expect("RParen", "')'");
        return { kind: "MatchNode", alias, loc: this.span(start) };
    }
    /** Edge : -[cond]-> | <-[cond]- | -[cond]- */
    parseMatchEdge() {
        const start = this.peek();
        const incoming = this.accept("Lt") !== null;
        this.expectAdjacent("Minus", "'-'");
        this.expectAdjacent("LBracket", "'['");
        const { variable, names, hops } = this.parseEdgeCondition();
        this.expect("RBracket", "']'");
        this.expect("Minus", "'-'");
        const outgoing = this.peek().kind === "Gt" && this.peek().loc.start === this.previous().loc.end;
        if (outgoing)
            this.advance();
        if (incoming && outgoing) {
            throw syntaxError("an edge cannot point both ways ('<-[...]->'); chain two edges instead", start.loc);
        }
        const direction = outgoing ? "out" : incoming ? "in" : "any";
        return { kind: "MatchEdge", direction, variable, names, hops, loc: this.span(start) };
    }
    /** EdgeCondition : [variable] [: name {| name}] [* Hops] */
    parseEdgeCondition() {
        let variable = null;
        if (this.peek().kind === "Name" || this.peek().kind === "EscapedName") {
            variable = this.parseName("a relationship variable", false);
        }
        const names = [];
        if (this.accept("Colon")) {
            names.push(this.parseName("a relationship name", true));
            while (this.accept("Pipe"))
                names.push(this.parseName("a relationship name", true));
        }
        else if (variable && this.peek().kind === "Pipe") {
            throw syntaxError(`'${variable.value}' is a relationship variable; write ':' before relationship names ('[:${variable.value}|...]')`, this.peek().loc);
        }
        const hops = this.peek().kind === "Star" ? this.parseHops() : null;
        return { variable, names, hops };
    }
    /** Hops : * ( int | [int] .. int ) */
    parseHops() {
        const start = this.advance();
        if (this.accept("DotDot")) {
            const upper = this.parseHopCount();
            return { kind: "Hops", lower: null, upper, range: true, loc: this.span(start) };
        }
        const lower = this.parseHopCount();
        if (!this.accept("DotDot"))
            return { kind: "Hops", lower, upper: lower, range: false, loc: this.span(start) };
        const upper = this.parseHopCount();
        return { kind: "Hops", lower, upper, range: true, loc: this.span(start) };
    }
    parseHopCount() {
        const token = this.peek();
        if (token.kind !== "Number")
            throw this.unexpected(["<integer>"]);
        if (!Number.isInteger(token.value) || token.value < 0) {
            throw syntaxError(`a hop count must be a non-negative integer, got '${token.text}'`, token.loc);
        }
        this.advance();
        return token.value;
    }
    /** GroupBy : GROUP BY Path {, Path} */
    parseGroupBy() {
        this.advance();
        this.expectKeyword("BY");
        const paths = [this.parsePath(["<name>"])];
        while (this.accept("Comma"))
            paths.push(this.parsePath(["<name>"]));
        return paths;
    }
    /** OrderBy : ORDER BY OrderItem {, OrderItem} ; OrderItem : ( Aggregate | Path ) [ASC | DESC] */
    parseOrderBy() {
        this.advance();
        this.expectKeyword("BY");
        const items = [];
        do {
            const start = this.peek();
            const value = this.atAggregate() ? this.parseAggregate() : this.parsePath(["<name>"]);
            const descending = this.acceptKeyword("DESC") !== null;
            if (!descending)
                this.acceptKeyword("ASC");
            items.push({ kind: "OrderItem", value, descending, loc: this.span(start) });
        } while (this.accept("Comma"));
        return items;
    }
    /** Or : And { OR And } */
    parseOr() {
        const start = this.peek();
        let left = this.parseAnd();
        while (this.acceptKeyword("OR")) {
            const right = this.parseAnd();
            left = { kind: "Logical", operator: "OR", left, right, loc: this.span(start) };
        }
        return left;
    }
    /** And : Not { AND Not } */
    parseAnd() {
        const start = this.peek();
        let left = this.parseNot();
        while (this.acceptKeyword("AND")) {
            const right = this.parseNot();
            left = { kind: "Logical", operator: "AND", left, right, loc: this.span(start) };
        }
        return left;
    }
    /** Not : NOT Not | Primary. NOT binds looser than a comparison: `NOT a < b` is `NOT (a < b)`. */
    parseNot() {
        const start = this.peek();
        if (!this.acceptKeyword("NOT"))
            return this.parsePrimary();
        const operand = this.nested(start, () => this.parseNot());
        return { kind: "Not", operand, loc: this.span(start) };
    }
    /** Primary : ( Or ) | FunctionCall | Operand ( CmpOp Operand | IN List | NIN List | NOT IN List ) */
    parsePrimary() {
        const start = this.peek();
        if (this.accept("LParen")) {
            if (this.atKeyword("SELECT"))
                throw syntaxError("subqueries are not supported", this.peek().loc);
            const inner = this.nested(start, () => this.parseOr());
            this.expect("RParen", "')'");
            return inner;
        }
        if (start.kind === "Name" && this.peek(1).kind === "LParen")
            return this.parseFunctionCall();
        const left = this.parseOperand();
        const operator = comparisonOperators[this.peek().kind];
        if (operator) {
            this.advance();
            const right = this.parseOperand();
            return { kind: "Comparison", operator, left, right, loc: this.span(start) };
        }
        if (this.atKeyword("IN"))
            return this.parseIn(start, left, false, false);
        if (this.atKeyword("NIN"))
            return this.parseIn(start, left, true, false);
        if (this.atKeyword("NOT") && this.isKeyword(this.peek(1), "IN")) {
            this.advance();
            return this.parseIn(start, left, true, true);
        }
        throw this.unexpected(["'='", "'!='", "'<'", "'<='", "'>'", "'>='", "IN", "NIN"]);
    }
    /** In : operand ( IN | NIN ) [ Literal {, Literal} ] */
    parseIn(start, operand, negated, spelledNotIn) {
        this.advance();
        this.expect("LBracket", "'['");
        const items = [this.parseLiteral("a literal value in the list")];
        while (this.accept("Comma"))
            items.push(this.parseLiteral("a literal value in the list"));
        this.expect("RBracket", "']'");
        return { kind: "In", negated, spelledNotIn, operand, items, loc: this.span(start) };
    }
    parseFunctionCall() {
        const name = this.peek();
        const upper = name.text.toUpperCase();
        if (upper === "IS_OF_MODEL")
            return this.parseIsOfModel();
        if (typeCheckFunctions.has(upper))
            return this.parseTypeCheck(upper);
        if (stringMatchFunctions.has(upper))
            return this.parseStringMatch(upper);
        if (upper === "ARRAY_CONTAINS")
            return this.parseArrayContains();
        if (aggregateFunctions.has(upper)) {
            throw syntaxError(`the aggregate ${upper}() is not allowed in WHERE`, name.loc);
        }
        if (upper === "STARTS_WITH" || upper === "ENDS_WITH") {
            throw syntaxError(`unknown function '${name.text}'; the function is spelled ${upper.replace("_", "")}`, name.loc);
        }
        throw syntaxError(`unknown function '${name.text}'; supported: IS_OF_MODEL, IS_BOOL, IS_DEFINED, IS_NULL, IS_NUMBER, IS_OBJECT, IS_PRIMITIVE, IS_STRING, STARTSWITH, ENDSWITH, CONTAINS, ARRAY_CONTAINS`, name.loc);
    }
    /** IsOfModel : IS_OF_MODEL ( [alias ,] string [, EXACT] ) */
    parseIsOfModel() {
        const start = this.advance();
        this.expect("LParen", "'('");
        let alias = null;
        if ((this.peek().kind === "Name" || this.peek().kind === "EscapedName") && this.peek(1).kind === "Comma") {
            alias = this.parseName("an alias", false);
            this.advance();
        }
        const model = this.peek();
        if (model.kind !== "String")
            throw this.unexpected(alias ? ["<model id string>"] : ["<alias>", "<model id string>"]);
        this.advance();
        let exact = false;
        if (this.accept("Comma")) {
            if (!this.isKeyword(this.peek(), "EXACT"))
                throw this.unexpected(["EXACT"]);
            this.advance();
            exact = true;
        }
        this.expect("RParen", "')'");
        const modelNode = { kind: "Literal", value: model.value, loc: model.loc };
        return { kind: "IsOfModel", alias, model: modelNode, exact, loc: this.span(start) };
    }
    /** TypeCheck : IS_xxx ( Path ) */
    parseTypeCheck(fn) {
        const start = this.advance();
        this.expect("LParen", "'('");
        const path = this.parseFunctionPath(fn);
        this.expect("RParen", "')'");
        return { kind: "TypeCheck", fn, path, loc: this.span(start) };
    }
    /** StringMatch : ( STARTSWITH | ENDSWITH | CONTAINS ) ( Path , string ) */
    parseStringMatch(fn) {
        const start = this.advance();
        this.expect("LParen", "'('");
        const path = this.parseFunctionPath(fn);
        this.expect("Comma", "','");
        const value = this.peek();
        if (value.kind !== "String")
            throw this.unexpected(["<string>"]);
        this.advance();
        this.expect("RParen", "')'");
        const literal = { kind: "Literal", value: value.value, loc: value.loc };
        return { kind: "StringMatch", fn, path, value: literal, loc: this.span(start) };
    }
    /** ArrayContains : ARRAY_CONTAINS ( Path , Literal ) */
    parseArrayContains() {
        const start = this.advance();
        this.expect("LParen", "'('");
        const path = this.parseFunctionPath("ARRAY_CONTAINS");
        this.expect("Comma", "','");
        const value = this.parseLiteral("a literal value (string, number or boolean) as the second argument of ARRAY_CONTAINS");
        if (this.peek().kind === "Comma") {
            throw syntaxError("ARRAY_CONTAINS takes two arguments; partial matching is not supported", this.peek().loc);
        }
        this.expect("RParen", "')'");
        return { kind: "ArrayContains", path, value, loc: this.span(start) };
    }
    parseFunctionPath(fn) {
        if (this.atKeyword("SELECT"))
            throw syntaxError(`subqueries are not supported in ${fn}`, this.peek().loc);
        const token = this.peek();
        if (token.kind === "String" || token.kind === "Number") {
            throw syntaxError(`the first argument of ${fn} must be a property path, not a literal`, token.loc);
        }
        return this.parsePath(["<name>"]);
    }
    /** Operand : Path | Literal */
    parseOperand() {
        const token = this.peek();
        if (token.kind === "String" || token.kind === "Number" || token.kind === "Minus")
            return this.parseLiteral("a value");
        if (token.kind === "Name" && ["TRUE", "FALSE", "NULL"].includes(token.text.toUpperCase())) {
            return this.parseLiteral("a value");
        }
        if (this.atKeyword("SELECT"))
            throw syntaxError("subqueries are not supported", token.loc);
        return this.parsePath(["<name>", "<literal>"]);
    }
    /** Literal : string | [-] number | TRUE | FALSE | NULL */
    parseLiteral(what) {
        const token = this.peek();
        if (token.kind === "String") {
            this.advance();
            return { kind: "Literal", value: token.value, loc: token.loc };
        }
        if (token.kind === "Number") {
            this.advance();
            return { kind: "Literal", value: token.value, loc: token.loc };
        }
        if (token.kind === "Minus" && this.peek(1).kind === "Number") {
            this.advance();
            const number = this.advance();
            return { kind: "Literal", value: -number.value, loc: this.span(token) };
        }
        if (token.kind === "Name") {
            const upper = token.text.toUpperCase();
            if (upper === "TRUE" || upper === "FALSE" || upper === "NULL") {
                this.advance();
                return { kind: "Literal", value: upper === "NULL" ? null : upper === "TRUE", loc: token.loc };
            }
        }
        throw syntaxError(`mismatched input '${token.text}' expecting ${what}`, token.loc);
    }
    /** Path : Name { . Name } — after a dot any word is a name, keywords included. */
    parsePath(expected) {
        const start = this.peek();
        if (start.kind !== "Name" && start.kind !== "EscapedName")
            throw this.unexpected(expected);
        const segments = [this.parseName("a name", false)];
        while (this.peek().kind === "Dot") {
            this.advance();
            segments.push(this.parseName("a property name", true));
        }
        return { kind: "Path", segments, loc: this.span(start) };
    }
    /** A name: an identifier or `[[escaped]]`; reserved words only where `keywordsAllowed`. */
    parseName(what, keywordsAllowed) {
        const token = this.peek();
        if (token.kind === "EscapedName") {
            this.advance();
            return { kind: "Name", value: token.value, escaped: true, loc: token.loc };
        }
        if (token.kind !== "Name")
            throw syntaxError(`mismatched input '${token.text}' expecting ${what}`, token.loc);
        if (!keywordsAllowed && reservedWords.has(token.text.toUpperCase())) {
            throw syntaxError(`mismatched input '${token.text}' expecting ${what} ('${token.text}' is a reserved keyword; escape it as [[${token.text}]] to use it as a name)`, token.loc);
        }
        this.advance();
        return { kind: "Name", value: token.text, escaped: false, loc: token.loc };
    }
    nested(start, parse) {
        this.depth += 1;
        if (this.depth > maxNesting) {
            throw syntaxError(`the condition nests parentheses and NOTs more than ${maxNesting} deep`, start.loc);
        }
        try {
            return parse();
        }
        finally {
            this.depth -= 1;
        }
    }
    atAggregate() {
        const token = this.peek();
        return token.kind === "Name" && aggregateFunctions.has(token.text.toUpperCase()) && this.peek(1).kind === "LParen";
    }
    /** An unreserved word in alias position (FROM and JOIN ... RELATED x.rel alias). */
    atAliasName() {
        const token = this.peek();
        if (token.kind === "EscapedName")
            return true;
        if (token.kind !== "Name")
            return false;
        const upper = token.text.toUpperCase();
        return !clauseWords.has(upper) && !reservedWords.has(upper);
    }
    followingClauses(joined, where, groupBy, orderBy) {
        if (orderBy.length > 0)
            return ["<EOF>", "','"];
        if (groupBy.length > 0)
            return ["<EOF>", "','", "ORDER"];
        if (where)
            return ["<EOF>", "AND", "OR", "GROUP", "ORDER"];
        return joined
            ? ["<EOF>", "JOIN", "WHERE", "GROUP", "ORDER"]
            : ["<EOF>", "JOIN", "MATCH", "WHERE", "GROUP", "ORDER"];
    }
    peek(offset = 0) {
        return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
    }
    previous() {
        return this.tokens[Math.max(this.index - 1, 0)];
    }
    advance() {
        const token = this.peek();
        if (token.kind !== "EOF")
            this.index += 1;
        return token;
    }
    accept(kind) {
        return this.peek().kind === kind ? this.advance() : null;
    }
    expect(kind, display) {
        const token = this.accept(kind);
        if (!token)
            throw this.unexpected([display]);
        return token;
    }
    /** Arrow parts must touch: `-[`, `<-`, `]->`. */
    expectAdjacent(kind, display) {
        const previous = this.previous();
        const token = this.expect(kind, display);
        if (previous.kind === "Lt" || previous.kind === "Minus") {
            if (previous.loc.end !== token.loc.start) {
                throw syntaxError("the parts of an edge arrow must not be separated by spaces", token.loc);
            }
        }
        return token;
    }
    isKeyword(token, keyword) {
        return token.kind === "Name" && token.text.toUpperCase() === keyword;
    }
    atKeyword(keyword) {
        return this.isKeyword(this.peek(), keyword);
    }
    acceptKeyword(keyword) {
        return this.atKeyword(keyword) ? this.advance() : null;
    }
    expectKeyword(keyword) {
        const token = this.acceptKeyword(keyword);
        if (!token)
            throw this.unexpected([keyword]);
        return token;
    }
    /** ANTLR-style wording, as ADT's parser reports: `missing X at 'y'` / `mismatched input 'y' expecting {...}`. */
    unexpected(expected) {
        const token = this.peek();
        if (expected.length === 1 && token.kind !== "EOF")
            return syntaxError(`missing ${expected[0]} at '${token.text}'`, token.loc);
        const list = expected.length === 1 ? expected[0] : `{${expected.join(", ")}}`;
        return syntaxError(`mismatched input '${token.text}' expecting ${list}`, token.loc);
    }
    span(start) {
        const end = this.previous();
        return {
            start: start.loc.start,
            end: Math.max(end.loc.end, start.loc.end),
            line: start.loc.line,
            column: start.loc.column,
        };
    }
}
//# sourceMappingURL=parser.js.map