import type { Token } from "./token.js";
/**
 * Splits query text into tokens. Keywords are not distinguished here: they are names that the
 * parser compares case-insensitively, so `contains` stays usable as a relationship name.
 * Whitespace includes U+200B and U+FEFF, which pasted documentation queries carry.
 */
export declare function tokenize(text: string): Token[];
