import { DoppelError } from "../../errors/catalogue.js";
/**
 * ADT's EventRouteFilterInvalid error: "Parsing error, Line=L, Position=P, Message=…", where
 * Line and Position are 1-based (the live service reports Position=6 for the `is` in
 * `this is not a valid filter string`).
 */
export function filterError(text, offset, message) {
    const { line, column } = lineAndColumn(text, offset);
    return new DoppelError("EventRouteFilterInvalid", `The provided filter is invalid. Parsing error, Line=${line}, Position=${column}, Message=${message}. ` +
        "See event route documentation for supported values and structure (https://aka.ms/ADTv2Routes).");
}
function lineAndColumn(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
        if (text[i] === "\n") {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: offset - lineStart + 1 };
}
//# sourceMappingURL=filterError.js.map