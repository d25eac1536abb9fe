/**
 * The syntax tree of an event route filter. Plain readonly data; `offset` is the 0-based index
 * of the node's first character in the filter text (errors turn it into Line/Position).
 */
export {};
//# sourceMappingURL=filterSyntax.js.map