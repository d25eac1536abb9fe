import type { ParsedModel } from "./model.js";
import type { ParsedElement } from "./parsedElement.js";
/** Turns linked parsed elements into the public object model. */
export declare function buildObjectModel(elements: ReadonlyMap<string, ParsedElement>, topLevel: readonly string[], sources: ReadonlyMap<string, unknown>): ParsedModel;
