/**
 * The DTDL object model: what a successful parse yields, and what the rest of the platform
 * (model registry, twin validation, query analysis) reads. Plain read-only data.
 * Every element carries its DTMI, including the ids the spec generates for anonymous elements
 * (e.g. `dtmi:ex:Room:_contents:__temp;1`).
 */
export type DtdlVersion = 2 | 3 | 4;
/** A language map, e.g. `{ en: "Room" }`. Plain strings in DTDL become `{ en: … }`. */
export type LangMap = Readonly<Record<string, string>>;
export type PrimitiveSchemaName = "boolean" | "date" | "dateTime" | "double" | "duration" | "float" | "integer" | "long" | "string" | "time" | "byte" | "bytes" | "decimal" | "short" | "uuid" | "unsignedByte" | "unsignedShort" | "unsignedInteger" | "unsignedLong";
export type GeospatialSchemaName = "point" | "multiPoint" | "lineString" | "multiLineString" | "polygon" | "multiPolygon";
interface ElementBase {
    /** The element's DTMI (given or generated). */
    readonly id: string;
    /** DTDL language version of the element. */
    readonly dtdlVersion: DtdlVersion;
    /** Every `@type` value as written, expanded to full IRIs/DTMIs where they are known terms. */
    readonly types: readonly string[];
    readonly displayName?: LangMap;
    readonly description?: LangMap;
    readonly comment?: string;
    /** Members of extensions or undefined co-types, kept as written (keyed by term or IRI). */
    readonly extra?: Readonly<Record<string, unknown>>;
}
export interface PrimitiveSchema extends ElementBase {
    readonly kind: "primitive";
    readonly name: PrimitiveSchemaName;
}
export interface GeospatialSchema extends ElementBase {
    readonly kind: "geospatial";
    readonly name: GeospatialSchemaName;
}
/** DTDL v4 `scaledDecimal`: an object `{ scale, value }`. */
export interface ScaledDecimalSchema extends ElementBase {
    readonly kind: "scaledDecimal";
}
export interface ArraySchema extends ElementBase {
    readonly kind: "Array";
    readonly elementSchema: Schema;
}
export interface EnumValue extends ElementBase {
    readonly kind: "EnumValue";
    readonly name: string;
    readonly enumValue: string | number;
}
export interface EnumSchema extends ElementBase {
    readonly kind: "Enum";
    readonly valueSchema: "integer" | "string";
    readonly enumValues: readonly EnumValue[];
}
export interface MapKey extends ElementBase {
    readonly kind: "MapKey";
    readonly name: string;
}
export interface MapValue extends ElementBase {
    readonly kind: "MapValue";
    readonly name: string;
    readonly schema: Schema;
}
export interface MapSchema extends ElementBase {
    readonly kind: "Map";
    readonly mapKey: MapKey;
    readonly mapValue: MapValue;
}
export interface Field extends ElementBase {
    readonly kind: "Field";
    readonly name: string;
    readonly schema: Schema;
}
export interface ObjectSchema extends ElementBase {
    readonly kind: "Object";
    readonly fields: readonly Field[];
}
export type ComplexSchema = ArraySchema | EnumSchema | MapSchema | ObjectSchema;
export type Schema = PrimitiveSchema | GeospatialSchema | ScaledDecimalSchema | ComplexSchema;
/** Semantic annotation of a Property/Telemetry/Field/… (v2 built-in, v3+ QuantitativeTypes). */
export interface SemanticInfo {
    /** Semantic type terms, e.g. `Temperature`. */
    readonly semanticTypes?: readonly string[];
    /** The unit term, e.g. `degreeCelsius`. */
    readonly unit?: string;
}
export interface Property extends ElementBase, SemanticInfo {
    readonly kind: "Property";
    readonly name: string;
    readonly schema: Schema;
    readonly writable: boolean;
}
export interface Telemetry extends ElementBase, SemanticInfo {
    readonly kind: "Telemetry";
    readonly name: string;
    readonly schema: Schema;
}
export interface CommandPayload extends ElementBase, SemanticInfo {
    readonly kind: "CommandPayload" | "CommandRequest" | "CommandResponse";
    readonly name: string;
    readonly schema: Schema;
    /** DTDL v4 `nullable`. */
    readonly nullable?: boolean;
}
export interface Command extends ElementBase {
    readonly kind: "Command";
    readonly name: string;
    readonly request?: CommandPayload;
    readonly response?: CommandPayload;
    readonly commandType?: "synchronous" | "asynchronous";
}
export interface Relationship extends ElementBase {
    readonly kind: "Relationship";
    readonly name: string;
    /** Target interface DTMI; absent means any interface. Need not resolve. */
    readonly target?: string;
    readonly minMultiplicity?: number;
    readonly maxMultiplicity?: number;
    readonly properties: readonly Property[];
    readonly writable: boolean;
}
export interface Component extends ElementBase {
    readonly kind: "Component";
    readonly name: string;
    /** The DTMI of the component's interface (present in `ParsedModel.interfaces`). */
    readonly schema: string;
}
export type Content = Property | Telemetry | Command | Relationship | Component;
export interface Interface extends ElementBase {
    readonly kind: "Interface";
    /** Direct `extends`, as DTMIs. */
    readonly extends: readonly string[];
    /** All ancestors reachable through `extends` (transitively), excluding the interface itself. */
    readonly ancestors: readonly string[];
    /** Own and inherited contents, by name. */
    readonly contents: ReadonlyMap<string, Content>;
    /** Complex schemas declared in `schemas`. */
    readonly schemas: readonly ComplexSchema[];
    /** The JSON document the interface came from (top-level interfaces only). */
    readonly source?: unknown;
}
export type Element = Interface | Content | Schema | EnumValue | MapKey | MapValue | Field | CommandPayload;
export interface ParsedModel {
    /** Every interface, top-level and inline (component schemas, extends), by DTMI. */
    readonly interfaces: ReadonlyMap<string, Interface>;
    /** Every element with a DTMI, by DTMI. */
    readonly elements: ReadonlyMap<string, Element>;
    /** Ids of the top-level interfaces of the parsed documents, in input order. */
    readonly topLevel: readonly string[];
}
export interface DtdlError {
    /** e.g. `dtmi:dtdl:parsingError:nonConformantDatatype` */
    readonly validationId: string;
    readonly primaryId?: string;
    readonly secondaryId?: string;
    readonly property?: string;
    readonly value?: string;
    readonly message: string;
    /** Index of the input document the error was found in, when known. */
    readonly documentIndex?: number;
}
export type ParseResult = {
    readonly ok: true;
    readonly model: ParsedModel;
} | {
    readonly ok: false;
    readonly errors: readonly DtdlError[];
};
export interface ParseOptions {
    /** Accept undefined extension contexts/co-types (the official parser's v2 default). */
    readonly allowUndefinedExtensions?: boolean;
    /** Supplies documents for DTMIs that are referenced but not in the input (e.g. stored models). */
    readonly resolve?: (dtmis: string[]) => unknown[];
}
export {};
