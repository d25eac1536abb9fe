import { JsonNumber } from "./jsonNumber.js";
/** Inclusive bounds of each DTDL integer schema. */
const integerRanges = {
    byte: [-(2n ** 7n), 2n ** 7n - 1n],
    short: [-(2n ** 15n), 2n ** 15n - 1n],
    integer: [-(2n ** 31n), 2n ** 31n - 1n],
    long: [-(2n ** 63n), 2n ** 63n - 1n],
    unsignedByte: [0n, 2n ** 8n - 1n],
    unsignedShort: [0n, 2n ** 16n - 1n],
    unsignedInteger: [0n, 2n ** 32n - 1n],
    unsignedLong: [0n, 2n ** 64n - 1n],
};
const integerText = /^-?(?:0|[1-9][0-9]*)$/;
/** The largest finite IEEE 754 single. */
const floatMax = 3.4028234663852886e38;
/**
 * A JSON number is an integer of `kind` when its text has no fraction or exponent and lies in
 * range; unsigned kinds refuse `-0` as the official parser does. A plain JS number has lost its
 * text: it is accepted when some in-range integer text parses to it (so 2^63, the double nearest
 * 9223372036854775807, counts as a long, and 0.0 cannot be told from 0).
 */
export function isIntegerOfKind(kind, value) {
    const [min, max] = integerRanges[kind];
    const unsigned = min === 0n;
    if (value instanceof JsonNumber) {
        const { text } = value;
        if (!integerText.test(text) || (unsigned && text.startsWith("-")))
            return false;
        const big = BigInt(text);
        return big >= min && big <= max;
    }
    if (!Number.isInteger(value) || (unsigned && Object.is(value, -0)))
        return false;
    return value >= Number(min) && value <= Number(max);
}
export function isDouble(value) {
    return Number.isFinite(Number(value instanceof JsonNumber ? value.text : value));
}
/** Single precision: finite and no larger in magnitude than the largest float. */
export function isFloat(value) {
    const n = Number(value instanceof JsonNumber ? value.text : value);
    return Number.isFinite(n) && Math.abs(n) <= floatMax;
}
//# sourceMappingURL=numericRanges.js.map