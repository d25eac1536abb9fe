/**
 * DTDL v4 `decimal`: optional sign, digits without leading zeros, optional point and fraction
 * (`"1."` is allowed, `".5"` and `"01"` are not), arbitrary precision.
 */
const decimalPattern = /^[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?$/;
export function isDecimalString(text) {
    return decimalPattern.test(text);
}
//# sourceMappingURL=isDecimalString.js.map