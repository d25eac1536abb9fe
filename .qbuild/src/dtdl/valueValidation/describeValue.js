import { JsonNumber } from "./jsonNumber.js";
const maxPreview = 60;
/** A short JSON rendering of a value for error messages. */
export function describeValue(value) {
    if (value instanceof JsonNumber)
        return value.text;
    if (value === undefined)
        return "nothing";
    if (Array.isArray(value))
        return "an array";
    if (typeof value === "object" && value !== null)
        return "an object";
    const text = JSON.stringify(value) ?? String(value);
    return text.length > maxPreview ? `${text.slice(0, maxPreview)}…` : text;
}
//# sourceMappingURL=describeValue.js.map