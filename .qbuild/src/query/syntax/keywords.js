/**
 * ADT's reserved words (reference-query-reserved) plus the clause words its grammar uses. A
 * reserved word is usable as a name only escaped (`[[Group]]`), except after a `.` or a `:`
 * where nothing else can appear (`T.contains`, `-[:contains]->`).
 */
export const reservedWords = new Set([
    "ALL",
    "AND",
    "AS",
    "ASC",
    "AVG",
    "BY",
    "COUNT",
    "DESC",
    "DEVICES_JOBS",
    "DEVICES_MODULES",
    "DEVICES",
    "ENDS_WITH",
    "FALSE",
    "FROM",
    "GROUP",
    "IN",
    "IS_BOOL",
    "IS_DEFINED",
    "IS_NULL",
    "IS_NUMBER",
    "IS_OBJECT",
    "IS_PRIMITIVE",
    "IS_STRING",
    "MAX",
    "MIN",
    "NOT",
    "NOT_IN",
    "NULL",
    "OR",
    "ORDER",
    "SELECT",
    "STARTS_WITH",
    "SUM",
    "TOP",
    "TRUE",
    "WHERE",
    "IS_OF_MODEL",
    // Used by ADT's grammar though missing from the published list.
    "DIGITALTWINS",
    "RELATIONSHIPS",
    "JOIN",
    "RELATED",
    "MATCH",
    "NIN",
]);
export const aggregateFunctions = new Set(["COUNT", "SUM", "AVG", "MIN", "MAX"]);
export const typeCheckFunctions = new Set([
    "IS_BOOL",
    "IS_DEFINED",
    "IS_NULL",
    "IS_NUMBER",
    "IS_OBJECT",
    "IS_PRIMITIVE",
    "IS_STRING",
]);
export const stringMatchFunctions = new Set(["STARTSWITH", "ENDSWITH", "CONTAINS"]);
//# sourceMappingURL=keywords.js.map