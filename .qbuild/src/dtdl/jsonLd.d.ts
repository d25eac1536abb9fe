/**
 * A JSON-LD view of a parsed JSON object, as DTDL sees it: keywords (`@id`, `@type`, `@context`,
 * `@graph`, `@value`, `@language`, other `@…`) separated from ordinary properties, and every
 * property value normalised to a list (a JSON array is a plural representation).
 */
export type LdValue = {
    readonly kind: "string";
    readonly value: string;
} | {
    readonly kind: "number";
    readonly value: number;
} | {
    readonly kind: "boolean";
    readonly value: boolean;
} | {
    readonly kind: "element";
    readonly element: LdElement;
} | {
    readonly kind: "null";
} | {
    readonly kind: "array";
};
export interface LdProperty {
    readonly name: string;
    readonly values: readonly LdValue[];
    /** The JSON value was an array. */
    readonly plural: boolean;
    readonly raw: unknown;
}
export interface LdElement {
    readonly raw: Readonly<Record<string, unknown>>;
    /** Count of JSON members, keywords included. */
    readonly propertyCount: number;
    /** `@id`; the empty string when present but not a string. */
    readonly id?: string;
    /** `@type` values; non-string entries are null. */
    readonly types?: readonly (string | null)[];
    readonly hasContext: boolean;
    readonly context?: unknown;
    readonly hasGraph: boolean;
    readonly graph?: unknown;
    readonly value?: LdValue;
    /** `@language`; the empty string when present but not a string. */
    readonly language?: string;
    /** Keywords other than the six above. */
    readonly keywords: readonly string[];
    readonly properties: readonly LdProperty[];
}
export declare function isJsonObject(value: unknown): value is Record<string, unknown>;
export declare function toLdElement(raw: Readonly<Record<string, unknown>>): LdElement;
export declare function toLdValue(v: unknown): LdValue;
