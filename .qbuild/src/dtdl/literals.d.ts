import type { ActiveContext } from "./context.js";
import type { ErrorCollector } from "./errors.js";
import type { LdValue } from "./jsonLd.js";
import type { LangMap } from "./model.js";
export interface LiteralTarget {
    readonly ctx: ActiveContext;
    readonly errors: ErrorCollector | undefined;
    readonly elementId: string | undefined;
    readonly property: string;
}
type Kind = "string" | "integer" | "numeric" | "boolean" | "duration" | "literal";
export declare function tryString(t: LiteralTarget, value: LdValue, maxLength: number | undefined, pattern: RegExp | undefined, kind: Kind, required: boolean): string | undefined;
export declare function tryInteger(t: LiteralTarget, value: LdValue, min: number | undefined, max: number | undefined, kind: Kind, required: boolean): number | undefined;
export declare function tryNumeric(t: LiteralTarget, value: LdValue, min: number | undefined, max: number | undefined, kind: Kind, required: boolean): number | undefined;
export declare function tryBoolean(t: LiteralTarget, value: LdValue, kind: Kind, required: boolean): boolean | undefined;
export declare function tryDuration(t: LiteralTarget, value: LdValue, kind: Kind, required: boolean): string | undefined;
/** A value that may be a string, integer, decimal or boolean (e.g. `enumValue`). */
export declare function parseSingularLiteral(t: LiteralTarget, values: readonly LdValue[]): {
    value: string | number | boolean;
    type: "string" | "integer" | "decimal" | "boolean";
} | undefined;
export declare function parseStrings(t: LiteralTarget, values: readonly LdValue[], plural: boolean, optional: boolean, maxLength: number | undefined, pattern: RegExp | undefined): string[] | undefined;
export declare function parseIntegers(t: LiteralTarget, values: readonly LdValue[], plural: boolean, optional: boolean, min: number | undefined, max: number | undefined): number[] | undefined;
export declare function parseNumerics(t: LiteralTarget, values: readonly LdValue[], plural: boolean, optional: boolean, min: number | undefined, max: number | undefined): number[] | undefined;
export declare function parseBooleans(t: LiteralTarget, values: readonly LdValue[], plural: boolean, optional: boolean): boolean[] | undefined;
export declare function parseDurations(t: LiteralTarget, values: readonly LdValue[], plural: boolean, optional: boolean): string[] | undefined;
/** Identifier-valued literal (e.g. Relationship `target`): a DTMI or a term. */
export declare function parseIdentifiers(t: LiteralTarget, values: readonly LdValue[], plural: boolean, optional: boolean, maxLength: number | undefined, pattern: RegExp | undefined, requireDtmi: boolean): string[] | undefined;
export declare function isValidLanguageCode(code: string): boolean;
/** Language-tagged strings: a plain string, an array of strings/value objects, or a language map. */
export declare function parseLangString(t: LiteralTarget, values: readonly LdValue[], plural: boolean, defaultLang: string, maxLength: number | undefined, pattern: RegExp | undefined): LangMap;
export {};
