/**
 * A JSON-LD view of a parsed JSON object, as DTDL sees it: keywords (`@id`, `@type`, `@context`,
 * `@graph`, `@value`, `@language`, other `@…`) separated from ordinary properties, and every
 * property value normalised to a list (a JSON array is a plural representation).
 */

export type LdValue =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "element"; readonly element: LdElement }
  | { readonly kind: "null" }
  | { readonly kind: "array" };

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

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function toLdElement(raw: Readonly<Record<string, unknown>>): LdElement {
  // Built by assignment (no spreads): this runs once per JSON object of every model.
  const element: {
    raw: Readonly<Record<string, unknown>>;
    propertyCount: number;
    id?: string;
    types?: (string | null)[];
    hasContext: boolean;
    context?: unknown;
    hasGraph: boolean;
    graph?: unknown;
    value?: LdValue;
    language?: string;
    keywords: string[];
    properties: LdProperty[];
  } = { raw, propertyCount: 0, hasContext: false, hasGraph: false, keywords: NO_KEYWORDS, properties: [] };
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue;
    const v = raw[key];
    element.propertyCount++;
    if (key.charCodeAt(0) === 64 /* @ */) {
      switch (key) {
        case "@id":
          element.id = typeof v === "string" ? v : "";
          break;
        case "@type":
          if (typeof v === "string") element.types = [v];
          else if (Array.isArray(v)) element.types = v.map((t) => (typeof t === "string" ? t : null));
          else element.types = [];
          break;
        case "@context":
          element.hasContext = true;
          element.context = v;
          break;
        case "@graph":
          element.hasGraph = true;
          element.graph = v;
          break;
        case "@value":
          element.value = toLdValue(v);
          break;
        case "@language":
          element.language = typeof v === "string" ? v : "";
          break;
        default:
          if (element.keywords === NO_KEYWORDS) element.keywords = [];
          element.keywords.push(key);
      }
      continue;
    }
    if (Array.isArray(v)) {
      element.properties.push({ name: key, values: arrayValues(v), plural: true, raw: v });
    } else {
      element.properties.push({ name: key, values: [toLdValue(v)], plural: false, raw: v });
    }
  }
  return element;
}

const NO_KEYWORDS: string[] = [];

/** Values of a JSON array; nested arrays are flattened, as JSON-LD does. */
function arrayValues(v: readonly unknown[]): LdValue[] {
  if (!v.some(Array.isArray)) {
    const values: LdValue[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) values[i] = toLdValue(v[i]);
    return values;
  }
  const values: LdValue[] = [];
  const stack: unknown[] = [...v].reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    else values.push(toLdValue(item));
  }
  return values;
}

const NULL_VALUE: LdValue = { kind: "null" };
const ARRAY_VALUE: LdValue = { kind: "array" };

export function toLdValue(v: unknown): LdValue {
  if (typeof v === "string") return { kind: "string", value: v };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  if (Array.isArray(v)) return ARRAY_VALUE;
  if (isJsonObject(v)) return { kind: "element", element: toLdElement(v) };
  return NULL_VALUE;
}
