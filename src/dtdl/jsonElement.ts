/**
 * A JSON object as DTDL reads it, straight from the parsed JSON: the JSON-LD keywords (`@id`,
 * `@type`, `@context`, `@graph`, `@value`, `@language`, other `@…`) are read once into a small
 * header, and ordinary properties are read from the object itself when they are needed (no
 * per-property or per-value wrappers: this runs for every JSON object of every model).
 *
 * Property values stay plain JSON values (string, number, boolean, null, object); a JSON array is
 * a plural value whose nested arrays are flattened, as JSON-LD does.
 */

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const NO_KEYWORDS: readonly string[] = Object.freeze([]);

/** Single-type lists, shared: nearly every element has one `@type` from a small vocabulary. */
const singleTypes = new Map<string, readonly string[]>();

function singleType(type: string): readonly string[] {
  let list = singleTypes.get(type);
  if (list === undefined) {
    list = Object.freeze([type]);
    if (singleTypes.size < 4096) singleTypes.set(type, list);
  }
  return list;
}

/** The keywords of one JSON object. */
export class JsonElement {
  /** Count of JSON members, keywords included. */
  propertyCount = 0;
  /** `@id`; the empty string when present but not a string. */
  id: string | undefined = undefined;
  /** `@type` values; non-string entries are null. */
  types: readonly (string | null)[] | undefined = undefined;
  hasContext = false;
  context: unknown = undefined;
  hasGraph = false;
  /** `@value` is present (its value may be anything, null included). */
  hasValue = false;
  value: unknown = undefined;
  /** `@language`; the empty string when present but not a string. */
  language: string | undefined = undefined;
  /** Keywords other than the six above. */
  keywords: readonly string[] = NO_KEYWORDS;
  /** Some member is an ordinary property (not a keyword). */
  hasProperties = false;

  raw: Readonly<Record<string, unknown>>;

  constructor(raw: Readonly<Record<string, unknown>>) {
    this.raw = raw;
    this.scan(raw);
  }

  /**
   * Reads another object into this header (headers of elements being parsed are reused, one per
   * nesting level, rather than made for every JSON object).
   */
  reset(raw: Readonly<Record<string, unknown>>): this {
    this.raw = raw;
    this.propertyCount = 0;
    this.id = undefined;
    this.types = undefined;
    this.hasContext = false;
    this.context = undefined;
    this.hasGraph = false;
    this.hasValue = false;
    this.value = undefined;
    this.language = undefined;
    this.keywords = NO_KEYWORDS;
    this.hasProperties = false;
    this.scan(raw);
    return this;
  }

  private scan(raw: Readonly<Record<string, unknown>>): void {
    for (const key in raw) {
      if (!Object.hasOwn(raw, key)) continue;
      this.propertyCount++;
      if (key.charCodeAt(0) !== 64 /* @ */) {
        this.hasProperties = true;
        continue;
      }
      const v = raw[key];
      switch (key) {
        case "@id":
          this.id = typeof v === "string" ? v : "";
          break;
        case "@type":
          if (typeof v === "string") this.types = singleType(v);
          else if (Array.isArray(v)) this.types = v.map((t) => (typeof t === "string" ? t : null));
          else this.types = NO_KEYWORDS;
          break;
        case "@context":
          this.hasContext = true;
          this.context = v;
          break;
        case "@graph":
          this.hasGraph = true;
          break;
        case "@value":
          this.hasValue = true;
          this.value = v;
          break;
        case "@language":
          this.language = typeof v === "string" ? v : "";
          break;
        default:
          if (this.keywords === NO_KEYWORDS) this.keywords = [];
          (this.keywords as string[]).push(key);
      }
    }
  }
}

/** True for keys that are JSON-LD keywords rather than properties. */
export function isKeyword(key: string): boolean {
  return key.charCodeAt(0) === 64;
}

/**
 * The values of a property as a list: the array itself (nested arrays flattened), or a fresh
 * one-element list. Callers may keep the list.
 */
export function valuesOf(v: unknown): readonly unknown[] {
  if (!Array.isArray(v)) return [v];
  return hasNestedArray(v) ? flatten(v) : v;
}

const scratch: unknown[] = [undefined];

/**
 * Like `valuesOf`, but a single value comes back in a shared list: only for callers that read the
 * list at once and parse no nested element meanwhile (literal values).
 */
export function literalValuesOf(v: unknown): readonly unknown[] {
  if (!Array.isArray(v)) {
    scratch[0] = v;
    return scratch;
  }
  return hasNestedArray(v) ? flatten(v) : v;
}

function hasNestedArray(v: readonly unknown[]): boolean {
  for (let i = 0; i < v.length; i++) if (Array.isArray(v[i])) return true;
  return false;
}

function flatten(v: readonly unknown[]): unknown[] {
  const values: unknown[] = [];
  const stack: unknown[] = [...v].reverse();
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    else values.push(item);
  }
  return values;
}
