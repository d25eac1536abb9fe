import type { RequestLimits } from "./requestLimits.js";
/**
 * The shape limits of a parsed JSON body, checked without recursion (a hostile body cannot
 * overflow the stack): nesting depth, key length, `__proto__` keys and `constructor.prototype`
 * chains anywhere (object keys and JSON Patch paths), and, for twin data, string length.
 */
export declare function checkJsonBody(body: unknown, limits: RequestLimits, twinData: boolean): void;
