import type { ActiveContext } from "./context.js";
/** An element as parsed, before references are resolved into the public object model. */
export interface ParsedElement {
    readonly id: string;
    readonly version: number;
    /** Concrete material class, e.g. `Property`. */
    readonly kind: string;
    readonly parentId: string | undefined;
    /** Name of the parent's property that holds this element. */
    readonly propName: string | undefined;
    /** Id of the partition (Interface) this element is defined inside; undefined for partition roots. */
    readonly definedIn: string | undefined;
    readonly supplementalTypes: readonly string[];
    readonly undefinedTypes: readonly string[];
    /** Material literal properties by name. */
    readonly literals: Map<string, unknown>;
    /** Material object properties by name → referenced/defined element ids, in order. */
    objects: ReadonlyMap<string, string[]>;
    /** Extension properties by IRI → literal value, or element ids for object-valued ones. */
    supplemental: ReadonlyMap<string, unknown>;
    undefinedProps: ReadonlyMap<string, unknown>;
    readonly raw: Readonly<Record<string, unknown>>;
    readonly docIndex: number | undefined;
    readonly context: ActiveContext;
    readonly isStandard: boolean;
}
/** A reference from one element's property to another element, resolved after parsing. */
export interface ObjectReference {
    readonly elementId: string;
    /** Material property name, or the IRI of a supplemental property. */
    readonly property: string;
    readonly supplemental: boolean;
    readonly targetId: string;
    /** Present when the reference was written as a string (not an inline definition). */
    readonly refString?: string;
    /** Allowed concrete kinds of the target (string references only). */
    readonly expectedKinds?: ReadonlySet<string>;
    readonly expectedClass?: string;
    readonly allowedVersions?: readonly number[] | undefined;
    /** For supplemental references: the required supplemental type of the target. */
    readonly requiredType?: string | undefined;
    /** For supplemental references: the element the target must be a child of. */
    readonly childOf?: string | undefined;
    readonly docIndex: number | undefined;
}
/** Shared empty map for elements without extension or undefined properties (most of them). */
export declare const NO_PROPERTIES: ReadonlyMap<string, unknown>;
/** Sets an extension property, giving the element its own map on first use. */
export declare function setSupplemental(el: ParsedElement, iri: string, value: unknown): void;
/** Records an undefined property, giving the element its own map on first use. */
export declare function setUndefinedProperty(el: ParsedElement, name: string, value: unknown): void;
/** Shared empty map for elements without object properties. */
export declare const NO_OBJECTS: ReadonlyMap<string, string[]>;
/** Sets a material object property's values, giving the element its own map on first use. */
export declare function setObjects(el: ParsedElement, property: string, ids: string[]): void;
