/** Where a token or node starts in the query text: ADT reports `Line` (1-based) and `Position` (0-based column). */
export interface SourceLocation {
    /** Offset of the first character in the query text. */
    readonly start: number;
    /** Offset just past the last character. */
    readonly end: number;
    readonly line: number;
    readonly column: number;
}
export type TokenKind = "Name" | "EscapedName" | "String" | "Number" | "Star" | "LParen" | "RParen" | "LBracket" | "RBracket" | "Comma" | "Dot" | "DotDot" | "Colon" | "Pipe" | "Minus" | "Eq" | "Ne" | "Lt" | "Le" | "Gt" | "Ge" | "EOF";
export interface Token {
    readonly kind: TokenKind;
    /** The text as written (for strings: with quotes; for escaped names: with brackets). */
    readonly text: string;
    /** Decoded value: the name, the string's content or the number. */
    readonly value: string | number;
    readonly loc: SourceLocation;
}
