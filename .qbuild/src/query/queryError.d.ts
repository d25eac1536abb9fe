import { DoppelError } from "../errors/catalogue.js";
import type { SourceLocation } from "./syntax/token.js";
/**
 * A syntax error in ADT's words: `SQL query parse failed: SQL Parser Error, Line=1, Position=0,
 * Message=missing SELECT at 'foo' See samples ...` (recorded from the live service).
 */
export declare function syntaxError(message: string, loc: Pick<SourceLocation, "line" | "column">): DoppelError;
/** A query that parses but cannot run (unknown alias, limit exceeded, unsupported combination). */
export declare function semanticError(message: string, loc: Pick<SourceLocation, "line" | "column">): DoppelError;
