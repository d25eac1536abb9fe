import { JsonNumber } from "./jsonNumber.js";
export type IntegerKind = "byte" | "short" | "integer" | "long" | "unsignedByte" | "unsignedShort" | "unsignedInteger" | "unsignedLong";
/**
 * A JSON number is an integer of `kind` when its text has no fraction or exponent and lies in
 * range; unsigned kinds refuse `-0` as the official parser does. A plain JS number has lost its
 * text: it is accepted when some in-range integer text parses to it (so 2^63, the double nearest
 * 9223372036854775807, counts as a long, and 0.0 cannot be told from 0).
 */
export declare function isIntegerOfKind(kind: IntegerKind, value: number | JsonNumber): boolean;
export declare function isDouble(value: number | JsonNumber): boolean;
/** Single precision: finite and no larger in magnitude than the largest float. */
export declare function isFloat(value: number | JsonNumber): boolean;
