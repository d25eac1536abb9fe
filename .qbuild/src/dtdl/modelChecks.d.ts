import type { ErrorCollector } from "./errors.js";
import { type ParsedElement } from "./parsedElement.js";
type Elements = ReadonlyMap<string, ParsedElement>;
/** Checks that need the whole linked model: value restrictions, uniqueness, descendant controls. */
export declare function checkModel(elements: Elements, errors: ErrorCollector): void;
export {};
