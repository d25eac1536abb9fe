export type FilterTokenKind = "name" | "string" | "number" | "operator" | "punct" | "end";
export interface FilterToken {
    readonly kind: FilterTokenKind;
    /** The token's text; for strings the unescaped value. */
    readonly text: string;
    readonly offset: number;
    /** The token as written (for error messages). */
    readonly raw: string;
}
/** Splits a filter into tokens; the last one is always `end`. */
export declare function tokenizeFilter(text: string): FilterToken[];
