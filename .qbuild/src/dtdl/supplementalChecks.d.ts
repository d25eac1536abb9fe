import type { ErrorCollector } from "./errors.js";
import type { ParsedElement } from "./parsedElement.js";
type Elements = ReadonlyMap<string, ParsedElement>;
/** Constraints extension types place on the elements that carry them (and on their siblings). */
export declare function checkSupplementalConstraints(elements: Elements, errors: ErrorCollector): void;
export {};
