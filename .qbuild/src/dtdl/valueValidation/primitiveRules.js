import { isBase64 } from "./isBase64.js";
import { isDecimalString } from "./isDecimalString.js";
import { isIso8601Duration } from "./isIso8601Duration.js";
import { isUuid } from "./isUuid.js";
import { JsonNumber } from "./jsonNumber.js";
import { isDouble, isFloat, isIntegerOfKind } from "./numericRanges.js";
import { isRfc3339Date, isRfc3339DateTime, isRfc3339Time } from "./rfc3339.js";
function stringRule(expected, test) {
    return { expected, accepts: (value) => typeof value === "string" && test(value) };
}
function numberRule(expected, test) {
    return {
        expected,
        accepts: (value) => (typeof value === "number" || value instanceof JsonNumber) && test(value),
    };
}
function integerRule(kind, expected) {
    return numberRule(expected, (value) => isIntegerOfKind(kind, value));
}
/** One rule per DTDL primitive schema (v2–v4). */
export const primitiveRules = {
    boolean: { expected: "a boolean", accepts: (value) => typeof value === "boolean" },
    string: { expected: "a string", accepts: (value) => typeof value === "string" },
    date: stringRule("a date (RFC 3339 full-date, e.g. 2024-01-31)", isRfc3339Date),
    dateTime: stringRule("a dateTime (RFC 3339 date-time, e.g. 2024-01-31T12:00:00Z)", isRfc3339DateTime),
    time: stringRule("a time (RFC 3339 full-time, e.g. 12:00:00Z)", isRfc3339Time),
    duration: stringRule("a duration (ISO 8601, e.g. PT15M)", isIso8601Duration),
    double: numberRule("a double (finite number)", isDouble),
    float: numberRule("a float (number within ±3.4028235E+38)", isFloat),
    byte: integerRule("byte", "a byte (integer from -128 to 127)"),
    short: integerRule("short", "a short (integer from -32768 to 32767)"),
    integer: integerRule("integer", "an integer (32-bit signed)"),
    long: integerRule("long", "a long (64-bit signed integer)"),
    unsignedByte: integerRule("unsignedByte", "an unsignedByte (integer from 0 to 255)"),
    unsignedShort: integerRule("unsignedShort", "an unsignedShort (integer from 0 to 65535)"),
    unsignedInteger: integerRule("unsignedInteger", "an unsignedInteger (integer from 0 to 4294967295)"),
    unsignedLong: integerRule("unsignedLong", "an unsignedLong (integer from 0 to 18446744073709551615)"),
    uuid: stringRule("a uuid (RFC 9562, e.g. 00a185be-a3a4-465a-9dac-cfa24bc7b923)", isUuid),
    bytes: stringRule("bytes (a base64 string)", isBase64),
    decimal: stringRule('a decimal (a string such as "-12.50")', isDecimalString),
};
//# sourceMappingURL=primitiveRules.js.map