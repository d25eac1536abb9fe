import { type ApiVersion } from "../http/apiVersion.js";
/**
 * A twin as stored and returned: `$dtId`, `$etag`, property and component values in the order
 * they were first set, then `$metadata` with `$model`, `$lastUpdateTime` and one
 * `{lastUpdateTime, sourceTime?}` entry per set property. A component is an object holding its
 * property values and its own `$metadata` (no `$model`). No DTDL name may start with `$`, so
 * `$`-keys are always system fields and an object value with `$metadata` is a component.
 */
export type TwinDoc = {
    $dtId: string;
    $etag: string;
    $metadata: Metadata;
} & Record<string, unknown>;
export type Metadata = Record<string, unknown>;
export interface PropertyMetadata {
    lastUpdateTime?: string;
    sourceTime?: string;
}
/** Serialises with ADT's key order whatever order the keys were set in. */
export declare function serializeTwin(doc: TwinDoc): string;
export declare function isComponentValue(value: unknown): value is Record<string, unknown> & {
    $metadata: Metadata;
};
/**
 * The stored twin JSON as a given api-version shows it: before 2022-05-31 (and its preview)
 * there is no `$lastUpdateTime` and no `sourceTime`.
 */
export declare function twinJsonForVersion(docText: string, version: ApiVersion): string;
/** A component of a stored twin as GET component returns it. */
export declare function componentJsonForVersion(component: Record<string, unknown>, version: ApiVersion): string;
