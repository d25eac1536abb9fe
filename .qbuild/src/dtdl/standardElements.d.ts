import { type ParsedElement } from "./parsedElement.js";
/** Follows alias links (e.g. the v3 `double` stands for the v2 element). */
export declare function dealias(id: string): string;
/** Copies a standard element and everything it depends on into a model; false if unknown. */
export declare function addStandardElement(elements: Map<string, ParsedElement>, id: string): boolean;
