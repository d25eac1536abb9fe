/**
 * ADT's reserved words (reference-query-reserved) plus the clause words its grammar uses. A
 * reserved word is usable as a name only escaped (`[[Group]]`), except after a `.` or a `:`
 * where nothing else can appear (`T.contains`, `-[:contains]->`).
 */
export declare const reservedWords: ReadonlySet<string>;
export declare const aggregateFunctions: ReadonlySet<string>;
export declare const typeCheckFunctions: ReadonlySet<string>;
export declare const stringMatchFunctions: ReadonlySet<string>;
