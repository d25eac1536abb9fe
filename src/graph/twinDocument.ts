import { type ApiVersion, hasTwinLastUpdateTime } from "../http/apiVersion.js";

/**
 * A twin as stored and returned: `$dtId`, `$etag`, property and component values in the order
 * they were first set, then `$metadata` with `$model`, `$lastUpdateTime` and one
 * `{lastUpdateTime, sourceTime?}` entry per set property. A component is an object holding its
 * property values and its own `$metadata` (no `$model`). No DTDL name may start with `$`, so
 * `$`-keys are always system fields and an object value with `$metadata` is a component.
 */
export type TwinDoc = { $dtId: string; $etag: string; $metadata: Metadata } & Record<string, unknown>;

export type Metadata = Record<string, unknown>;

export interface PropertyMetadata {
  lastUpdateTime?: string;
  sourceTime?: string;
}

/** Serialises with ADT's key order whatever order the keys were set in. */
export function serializeTwin(doc: TwinDoc): string {
  // A patched copy of a stored twin nearly always keeps the stored order (replacing a value
  // keeps its key's place): then it is serialised as it is, without building an ordered copy.
  if (inStoredOrder(doc)) return JSON.stringify(doc);
  const ordered: Record<string, unknown> = { $dtId: doc.$dtId, $etag: doc.$etag };
  for (const key of Object.keys(doc)) {
    if (key === "$dtId" || key === "$etag" || key === "$metadata") continue;
    const value = doc[key];
    ordered[key] = isComponentValue(value) ? orderComponent(value) : value;
  }
  ordered.$metadata = doc.$metadata;
  return JSON.stringify(ordered);
}

/** `$dtId`, `$etag` first and `$metadata` last, in the twin and in each of its components. */
function inStoredOrder(doc: TwinDoc): boolean {
  const keys = Object.keys(doc);
  const last = keys.length - 1;
  if (keys[0] !== "$dtId" || keys[1] !== "$etag" || keys[last] !== "$metadata") return false;
  for (let i = 2; i < last; i++) {
    const value = doc[keys[i]!];
    if (isComponentValue(value)) {
      const componentKeys = Object.keys(value);
      if (componentKeys[componentKeys.length - 1] !== "$metadata") return false;
    }
  }
  return true;
}

export function isComponentValue(value: unknown): value is Record<string, unknown> & { $metadata: Metadata } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>).$metadata === "object"
  );
}

function orderComponent(component: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(component)) if (key !== "$metadata") ordered[key] = component[key];
  ordered.$metadata = component.$metadata;
  return ordered;
}

/**
 * The stored twin JSON as a given api-version shows it: before 2022-05-31 (and its preview)
 * there is no `$lastUpdateTime` and no `sourceTime`.
 */
export function twinJsonForVersion(docText: string, version: ApiVersion): string {
  if (hasTwinLastUpdateTime(version)) return docText;
  const doc = JSON.parse(docText) as Record<string, unknown>;
  stripVersionedMetadata(doc);
  for (const value of Object.values(doc)) if (isComponentValue(value)) stripVersionedMetadata(value);
  return JSON.stringify(doc);
}

/** A component of a stored twin as GET component returns it. */
export function componentJsonForVersion(component: Record<string, unknown>, version: ApiVersion): string {
  const ordered = orderComponent(component);
  if (!hasTwinLastUpdateTime(version)) stripVersionedMetadata(ordered);
  return JSON.stringify(ordered);
}

function stripVersionedMetadata(holder: Record<string, unknown>): void {
  const metadata = holder.$metadata as Metadata | undefined;
  if (metadata === undefined) return;
  const stripped: Metadata = {};
  for (const [key, entry] of Object.entries(metadata)) {
    if (key === "$lastUpdateTime") continue;
    if (key.startsWith("$") || typeof entry !== "object" || entry === null) {
      stripped[key] = entry;
      continue;
    }
    const { sourceTime: _sourceTime, ...rest } = entry as PropertyMetadata;
    stripped[key] = rest;
  }
  holder.$metadata = stripped;
}
