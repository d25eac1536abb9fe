import { DoppelError } from "../../errors/catalogue.js";
/**
 * ADT's EventRouteFilterInvalid error: "Parsing error, Line=L, Position=P, Message=…", where
 * Line and Position are 1-based (the live service reports Position=6 for the `is` in
 * `this is not a valid filter string`).
 */
export declare function filterError(text: string, offset: number, message: string): DoppelError;
