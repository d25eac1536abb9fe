import { describeError } from "./errorMessages.js";
/** Thrown to abandon the parse at once, as the official parser does for some errors. */
export class QuitParsing extends Error {
    constructor() {
        super("DTDL parsing stopped");
    }
}
export const ERROR_PREFIX = "dtmi:dtdl:parsingError:";
export const RESOLUTION_PREFIX = "dtmi:dtdl:resolutionError:";
/** Collects errors in the order found; `quit` records one and stops the parse. */
export class ErrorCollector {
    errors = [];
    /** Index of the document being read, stamped on errors that carry none. */
    documentIndex;
    seen = new Set();
    add(code, details = {}) {
        const documentIndex = details.documentIndex ?? this.documentIndex;
        // Several rules can find the same fault (e.g. two controls over one schema); report it once.
        const key = [code, details.primaryId, details.secondaryId, details.property, details.value, documentIndex].join("\u0000");
        if (this.seen.has(key))
            return;
        this.seen.add(key);
        this.errors.push({
            validationId: code.includes(":") ? code : ERROR_PREFIX + code,
            ...(details.primaryId !== undefined ? { primaryId: details.primaryId } : {}),
            ...(details.secondaryId !== undefined ? { secondaryId: details.secondaryId } : {}),
            ...(details.property !== undefined ? { property: details.property } : {}),
            ...(details.value !== undefined ? { value: details.value } : {}),
            message: errorMessage(code, details),
            ...(documentIndex !== undefined ? { documentIndex } : {}),
        });
    }
    quit(code, details = {}) {
        this.add(code, details);
        throw new QuitParsing();
    }
    get any() {
        return this.errors.length > 0;
    }
    throwIfAny() {
        if (this.errors.length > 0)
            throw new QuitParsing();
    }
}
export function errorMessage(code, details) {
    if (code.startsWith(ERROR_PREFIX))
        return describeError(code.slice(ERROR_PREFIX.length), details);
    if (code.startsWith(RESOLUTION_PREFIX))
        return describeError(`resolution:${code.slice(RESOLUTION_PREFIX.length)}`, details);
    return describeError(code, details);
}
//# sourceMappingURL=errors.js.map