import type { ClassRule, PropertyRule, SupplementalPropertyRule, SupplementalTypeRule, VersionRules } from "./metamodelTypes.js";
/**
 * Lookup tables derived once from the generated metamodel: what a term or IRI means in a given
 * DTDL version.
 */
export interface VersionIndex {
    readonly version: number;
    readonly rules: VersionRules;
    /** Concrete material classes by `@type` spelling (term or class DTMI). */
    readonly typeToClass: ReadonlyMap<string, string>;
    /** Spellings of abstract material classes (valid type names that denote no concrete kind). */
    readonly abstractTypes: ReadonlySet<string>;
    /** Properties of each class by spelling (term or property DTMI). */
    readonly classProperties: ReadonlyMap<string, ReadonlyMap<string, {
        readonly name: string;
        readonly rule: PropertyRule;
    }>>;
    /** Concrete subclasses (the class itself included when concrete). */
    readonly concrete: ReadonlyMap<string, ReadonlySet<string>>;
    /** Every term of the DTDL context of this version. */
    readonly coreTerms: ReadonlyMap<string, string>;
    readonly reservedPrefixes: readonly string[];
    readonly identifierDefinition: RegExp;
    readonly identifierReference: RegExp;
}
export declare const KNOWN_VERSIONS: readonly number[];
export declare function versionIndex(version: number): VersionIndex;
export declare function classRule(version: number, className: string): ClassRule | undefined;
/** Per-class facts the model checks need, computed once. */
export interface ClassPlan {
    /** The class and its ancestors. */
    readonly lineage: ReadonlySet<string>;
    /** Object-valued properties, in name order. */
    readonly objectProps: readonly {
        readonly name: string;
        readonly rule: PropertyRule;
    }[];
    /** Properties restricted to particular standard values. */
    readonly valueRestricted: readonly {
        readonly name: string;
        readonly rule: PropertyRule;
    }[];
    /** Plural properties whose values must differ in nested properties. */
    readonly uniqueProps: readonly {
        readonly name: string;
        readonly rule: PropertyRule;
    }[];
}
export declare function classPlan(version: number, kind: string): ClassPlan;
/** True when `kind` is `className` or one of its subclasses. */
export declare function isKindOf(version: number, kind: string, className: string): boolean;
export interface SupplementalPropertyInfo {
    readonly typeId: string;
    readonly iri: string;
    readonly rule: SupplementalPropertyRule;
}
export declare function supplementalType(id: string): SupplementalTypeRule | undefined;
export declare function supplementalProperty(iri: string): SupplementalPropertyInfo | undefined;
/** All ancestors of a supplemental type, itself first. */
export declare function supplementalLineage(id: string): string[];
export declare function termOrIri(iri: string): string;
/** True for identifiers under a prefix that DTDL or an affiliate reserves (e.g. `dtmi:dtdl:`). */
export declare function isReservedIdentifier(id: string): boolean;
