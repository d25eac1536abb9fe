import type { ErrorCollector } from "./errors.js";
import { type LdElement } from "./jsonLd.js";
import { type VersionIndex } from "./rules.js";
export interface ContextOptions {
    readonly allowUndefinedExtensions: boolean | undefined;
    readonly maxDtdlVersion: number;
    /** Limit contexts a v4 model may select (e.g. `dtmi:dtdl:limits:onvif`). */
    readonly acceptableLimitContexts: readonly string[];
}
/**
 * The context in force for an element: the DTDL version, the extensions it includes, and whether
 * any context was not recognised (which makes the model "incomplete" rather than invalid).
 */
export declare class ActiveContext {
    readonly options: ContextOptions;
    readonly dtdlVersion: number;
    readonly dtdlSpecifier: string | undefined;
    private readonly affiliates;
    private readonly unrecognized;
    readonly limitSpecifier: string;
    readonly limitContext: string | undefined;
    private constructor();
    static root(options: ContextOptions): ActiveContext;
    get index(): VersionIndex;
    get isComplete(): boolean;
    get restrictKeywords(): boolean;
    /** Extension contexts in force (their specifiers). */
    get extensionSpecifiers(): string[];
    isIdentifierReserved(id: string): boolean;
    reservedPrefixesText(): string;
    /** Is the string a valid DTMI reference for this version (and limits)? */
    isIdReferenceValid(id: string): boolean;
    /** Expands a term through the active contexts, or accepts a DTMI; undefined when neither. */
    resolveDtmi(uriOrTerm: string): string | undefined;
    /** Expands a term; absolute non-DTMI IRIs are returned as they are. */
    resolveUri(uriOrTerm: string): string | undefined;
    termIri(term: string): string | undefined;
    /** Child contexts already derived from this one, by their `@context` text (valid ones only). */
    private readonly children;
    /** The context of an element nested in this one (this context when it has no `@context`). */
    child(elt: LdElement, errors: ErrorCollector): ActiveContext;
    private childFromComponents;
    private dtdlContextFrom;
    private affiliateFrom;
    private limitSpecifierFrom;
    private allowUndefinedExtensions;
}
export declare function isIdReferenceValid(id: string, version: number, limitSpecifier: string): boolean;
