import type { ErrorCollector } from "./errors.js";
import { type ObjectReference, type ParsedElement } from "./parsedElement.js";
/**
 * Finds references whose target is neither in the model nor a standard element. References written
 * as bare terms that resolve to nothing, and undefined reserved identifiers, are errors; the other
 * missing DTMIs are returned for the resolver.
 */
export declare function findUndefinedReferences(elements: Map<string, ParsedElement>, references: readonly ObjectReference[], errors: ErrorCollector): Map<string, ObjectReference[]>;
/** The partition (top-level Interface) an element belongs to. */
export declare function partitionOf(el: ParsedElement): string;
/**
 * Attaches every reference to its element, checking the referenced element's type, DTDL version and
 * partition.
 */
export declare function linkReferences(elements: ReadonlyMap<string, ParsedElement>, references: readonly ObjectReference[], errors: ErrorCollector): void;
/** Whether an element has a given type: a material class DTMI or a supplemental type. */
export declare function hasType(el: ParsedElement, typeId: string): boolean;
