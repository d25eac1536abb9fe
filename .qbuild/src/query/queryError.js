import { DoppelError } from "../errors/catalogue.js";
const samples = "See samples in https://aka.ms/adtv2query for the correct syntax.";
/**
 * A syntax error in ADT's words: `SQL query parse failed: SQL Parser Error, Line=1, Position=0,
 * Message=missing SELECT at 'foo' See samples ...` (recorded from the live service).
 */
export function syntaxError(message, loc) {
    return new DoppelError("SqlQueryError", `SQL query parse failed: SQL Parser Error, Line=${loc.line}, Position=${loc.column}, Message=${message} ${samples}`);
}
/** A query that parses but cannot run (unknown alias, limit exceeded, unsupported combination). */
export function semanticError(message, loc) {
    return new DoppelError("SqlQueryError", `SQL query parse failed: SQL Semantic Error, Line=${loc.line}, Position=${loc.column}, Message=${message} ${samples}`);
}
//# sourceMappingURL=queryError.js.map