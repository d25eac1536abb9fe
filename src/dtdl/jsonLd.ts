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
  let propertyCount = 0;
  let id: string | undefined;
  let types: (string | null)[] | undefined;
  let hasContext = false;
  let context: unknown;
  let hasGraph = false;
  let graph: unknown;
  let value: LdValue | undefined;
  let language: string | undefined;
  const keywords: string[] = [];
  const properties: LdProperty[] = [];
  for (const key of Object.keys(raw)) {
    const v = raw[key];
    propertyCount++;
    if (key.startsWith("@")) {
      switch (key) {
        case "@id":
          id = typeof v === "string" ? v : "";
          break;
        case "@type":
          if (typeof v === "string") types = [v];
          else if (Array.isArray(v)) types = v.map((t) => (typeof t === "string" ? t : null));
          else types = [];
          break;
        case "@context":
          hasContext = true;
          context = v;
          break;
        case "@graph":
          hasGraph = true;
          graph = v;
          break;
        case "@value":
          value = toLdValue(v);
          break;
        case "@language":
          language = typeof v === "string" ? v : "";
          break;
        default:
          keywords.push(key);
      }
      continue;
    }
    if (Array.isArray(v)) {
      properties.push({ name: key, values: v.map(toLdValue), plural: true, raw: v });
    } else {
      properties.push({ name: key, values: [toLdValue(v)], plural: false, raw: v });
    }
  }
  const element: LdElement = {
    raw,
    propertyCount,
    ...(id !== undefined ? { id } : {}),
    ...(types !== undefined ? { types } : {}),
    hasContext,
    context,
    hasGraph,
    graph,
    ...(value !== undefined ? { value } : {}),
    ...(language !== undefined ? { language } : {}),
    keywords,
    properties,
  };
  return element;
}

export function toLdValue(v: unknown): LdValue {
  if (typeof v === "string") return { kind: "string", value: v };
  if (typeof v === "number") return { kind: "number", value: v };
  if (typeof v === "boolean") return { kind: "boolean", value: v };
  if (Array.isArray(v)) return { kind: "array" };
  if (isJsonObject(v)) return { kind: "element", element: toLdElement(v) };
  return { kind: "null" };
}
