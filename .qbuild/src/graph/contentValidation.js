import { validateValue } from "../dtdl/validateValue.js";
import { appendPointer } from "../dtdl/valueValidation/jsonPointer.js";
import { validationDetail } from "./graphErrors.js";
/** Collects what is wrong with a document, bounded so one huge bad value needs one answer. */
export class Problems {
    details = [];
    add(message) {
        if (this.details.length < 100)
            this.details.push(validationDetail(message));
    }
    get any() {
        return this.details.length > 0;
    }
}
/**
 * Checks a property (or field) value against its DTDL schema and the size limits; `pointer` is
 * the value's JSON Pointer in the twin or relationship, named in each problem.
 */
export function checkValue(schema, value, pointer, limits, problems) {
    for (const error of validateValue(schema, value, pointer)) {
        problems.add(`Invalid value at ${error.path}: ${error.message}`);
    }
    checkSizes(value, pointer, limits, problems);
}
/** Property names and strings at any depth within the limits (UTF-8 bytes). */
export function checkSizes(value, pointer, limits, problems) {
    if (typeof value === "string") {
        if (exceeds(value, limits.maxStringBytes)) {
            problems.add(`The string at ${pointer} is longer than ${limits.maxStringBytes} bytes.`);
        }
        return;
    }
    if (typeof value !== "object" || value === null)
        return;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
            checkSizes(value[i], appendPointer(pointer, i), limits, problems);
        return;
    }
    for (const [key, item] of Object.entries(value)) {
        const itemPointer = appendPointer(pointer, key);
        checkName(key, itemPointer, limits, problems);
        checkSizes(item, itemPointer, limits, problems);
    }
}
export function checkName(name, pointer, limits, problems) {
    if (exceeds(name, limits.maxPropertyNameBytes)) {
        problems.add(`The property name at ${pointer} is longer than ${limits.maxPropertyNameBytes} bytes.`);
    }
}
/** UTF-8 length above `max`; cheap for the common short string (at most 3 bytes per UTF-16 unit). */
export function exceeds(text, max) {
    return text.length * 3 > max && Buffer.byteLength(text, "utf8") > max;
}
//# sourceMappingURL=contentValidation.js.map