import type { ActiveContext } from "./context.js";
import type { ErrorCollector } from "./errors.js";
import { type LdElement, type LdValue } from "./jsonLd.js";
import { type ObjectReference, type ParsedElement } from "./parsedElement.js";
/** Where an element being parsed sits. */
export interface ElementSite {
    readonly parentId: string | undefined;
    readonly definedIn: string | undefined;
    readonly propName: string | undefined;
    readonly dtmiSeg: string | undefined;
    readonly idRequired: boolean;
    readonly typeRequired: boolean;
    readonly allowedVersions: readonly number[] | undefined;
    /** Class to assume when @type is absent. */
    readonly inferredType: string | undefined;
    /** Class the element must belong to (concrete subclasses accepted). */
    readonly expectedClass: string | undefined;
}
/** Shared state of one parse: the elements found so far and the references still to resolve. */
export interface ParseState {
    readonly elements: Map<string, ParsedElement>;
    readonly references: ObjectReference[];
    readonly errors: ErrorCollector;
    readonly docIndex: number | undefined;
    readonly allowReservedIds: boolean;
    readonly isStandard: boolean;
    /** Ids of the elements whose definitions are being parsed (ancestors of the current one). */
    readonly pending: Set<string>;
}
/** Parses one JSON object as a DTDL element (recursively parsing inline children). */
export declare function parseElement(state: ParseState, parentCtx: ActiveContext, ld: LdElement, site: ElementSite): ParsedElement | undefined;
/** Parses a top-level JSON value (object) as a rootable element. */
export declare function parseTopLevel(state: ParseState, rootCtx: ActiveContext, raw: unknown): void;
export type { LdValue };
