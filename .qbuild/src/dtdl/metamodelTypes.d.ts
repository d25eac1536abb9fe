/**
 * Shapes of the generated metamodel tables (`generated/metamodel.ts`), which are derived from the
 * official DTDL metamodel digest by `scripts/generate-dtdl-metamodel.mjs`.
 */
/** A limit per limit specifier: `""` is the default, other keys name DTDL v4 limit extensions. */
export type Limit = Readonly<Record<string, number>>;
export interface PropertyRule {
    readonly literal?: boolean;
    /** Literal datatype: string, langString, integer, boolean, duration, … */
    readonly datatype?: string;
    /** Class of the values of an object property. */
    readonly class?: string;
    readonly plural?: boolean;
    readonly optional?: boolean;
    readonly abstract?: boolean;
    readonly dictionaryKey?: string;
    readonly dtmiSegment?: string;
    readonly inherited?: boolean;
    /** Defined by the language but never settable in a model (e.g. languageMajorVersion). */
    readonly disallowed?: boolean;
    readonly minCount?: number;
    readonly maxCount?: number;
    readonly maxLength?: Limit;
    readonly minInclusive?: number;
    readonly maxInclusive?: number;
    readonly pattern?: string;
    /** Allowed standard-element terms for the value. */
    readonly values?: readonly string[];
    readonly valueUris?: readonly string[];
    /** DTDL versions an element value may be defined in. */
    readonly versions?: readonly number[];
    readonly uniqueAmong?: readonly (readonly [string, string])[];
    readonly uniqueProperties?: readonly string[];
    /** Inline values must carry an @id. */
    readonly idRequired?: boolean;
    /** Inline values may omit @type (their type is inferred from `class`). */
    readonly typeOptional?: boolean;
    readonly defaultLanguage?: string;
    readonly value?: unknown;
    readonly deprecated?: boolean;
    readonly hidden?: boolean;
}
export interface ClassRule {
    readonly abstract?: boolean;
    readonly parent?: string;
    readonly concrete?: readonly string[];
    readonly elemental?: readonly string[];
    readonly extensible?: readonly string[];
    readonly overt?: boolean;
    readonly partition?: boolean;
    readonly rootable?: boolean;
    readonly typeOptional?: boolean;
    readonly idRequired?: boolean;
    readonly idRequiredWhen?: readonly (readonly [string, string])[];
    readonly standardElements?: readonly string[];
    readonly instance?: unknown;
    readonly props: Readonly<Record<string, PropertyRule>>;
}
export interface DescendantControl {
    readonly allowSelf?: boolean;
    readonly definingClass: string;
    readonly rootClass: string;
    readonly properties: readonly string[];
    readonly narrow?: boolean;
    readonly maxDepth?: Limit;
    readonly maxCount?: Limit;
    readonly excludeType?: string;
    readonly importProperties?: readonly string[];
    readonly datatypeProperty?: string;
    readonly entailments?: Readonly<Record<string, readonly string[]>>;
}
export interface IdentifierRule {
    readonly maxLength: Limit;
    readonly pattern: string;
}
export interface VersionRules {
    readonly classes: Readonly<Record<string, ClassRule>>;
    readonly context: Readonly<Record<string, string>>;
    readonly identifierDefinition: IdentifierRule;
    readonly identifierReference: IdentifierRule;
    readonly interfaceIdMaxLength?: Limit;
    readonly partitionMaxBytes?: Limit;
    readonly rootable: readonly string[];
    readonly apocrypha: Readonly<Record<string, string>>;
    readonly restrictKeywords?: boolean;
    readonly allowUndefinedExtensionsByDefault?: boolean;
    readonly allowLocalTerms?: boolean;
    readonly allowCustomLimits?: boolean;
    readonly extensibleClasses?: readonly string[];
    readonly descendantControls: readonly DescendantControl[];
}
export interface SupplementalPropertyRule {
    readonly name: string;
    readonly type?: string;
    readonly typeName?: string;
    readonly childOf?: string;
    readonly plural?: boolean;
    readonly optional?: boolean;
    readonly minCount?: number;
    readonly maxCount?: number;
    readonly maxLength?: number;
    readonly minInclusive?: number;
    readonly maxInclusive?: number;
    readonly pattern?: string;
    readonly values?: readonly string[];
    readonly dictionaryKey?: string;
    readonly idRequired?: boolean;
    readonly typeOptional?: boolean;
    readonly uniqueValue?: boolean;
    readonly deprecated?: boolean;
    readonly [extra: string]: unknown;
}
export interface SiblingRule {
    readonly key: string;
    readonly keyref: string;
    readonly disallowedType?: string;
    readonly disallowedTypeName?: string;
    readonly requiredTypes?: readonly string[];
    readonly requiredTypeNames?: readonly string[];
    readonly requiredTypesString?: string;
    readonly supplementalProperty?: string;
    readonly uniqueReference?: string;
}
export interface SupplementalConstraint {
    readonly property: string;
    readonly siblingKey?: string;
    readonly siblingKeyref?: string;
    readonly siblingParentOf?: string;
    readonly [extra: string]: unknown;
}
export interface SupplementalTypeRule {
    readonly abstract?: boolean;
    readonly parent?: string;
    readonly extensionContext: string;
    readonly extensionKind: string;
    readonly cotypes?: readonly string[];
    readonly cotypeVersions?: readonly number[];
    readonly cocotypes?: readonly string[];
    readonly discotypes?: readonly string[];
    readonly altcotypes?: readonly string[];
    readonly altcotypeNames?: readonly string[];
    readonly mergeable?: boolean;
    readonly constraints?: readonly SupplementalConstraint[];
    readonly siblings?: readonly SiblingRule[];
    readonly props?: Readonly<Record<string, SupplementalPropertyRule>>;
}
export interface Metamodel {
    readonly versions: Readonly<Record<string, VersionRules>>;
    /** Extension, affiliate and limit contexts: term → IRI. */
    readonly contexts: Readonly<Record<string, Readonly<Record<string, string>>>>;
    readonly supplementalTypes: Readonly<Record<string, SupplementalTypeRule>>;
    /** Standard elements (primitive schemas, units, unit enums, geospatial schemas) as DTDL JSON. */
    readonly elements: readonly Readonly<Record<string, unknown>>[];
    readonly aliases: Readonly<Record<string, string>>;
    readonly affiliateContexts: Readonly<Record<string, number>>;
    readonly reservedIdPrefixes: Readonly<Record<string, readonly string[]>>;
    readonly limitContexts: Readonly<Record<string, {
        readonly dtdlVersion: number;
        readonly spec: string;
    }>>;
    readonly quantitativeTypes: Readonly<Record<string, Readonly<Record<string, string>>>>;
    readonly units: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
    readonly families: Readonly<Record<string, readonly string[]>>;
    readonly extensionKinds: readonly string[];
    readonly partitionClasses: readonly string[];
    readonly baseClass: string;
}
