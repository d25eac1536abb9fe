import type { ActiveContext } from "./context.js";
import type { ErrorCollector } from "./errors.js";
import { isJsonObject, isKeyword, JsonElement } from "./jsonElement.js";
import type { LangMap } from "./model.js";

/**
 * Parsing of literal property values (plain JSON values). A literal may be written bare (`"x"`,
 * `3`, `true`) or as a JSON-LD value object (`{"@value": 3, "@type": "xsd:integer"}`);
 * language-tagged strings have three spellings (string, array of strings/value objects, language
 * map). Error details are only built when an error is reported: these run for every literal.
 */

const LANGUAGE_CODE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
const DURATION =
  /^P(?!$)(?:(?:(?:(?:\d+Y)|(?:\d+\.\d+Y$))?(?:(?:\d+M)|(?:\d+\.\d+M$))?)|(?:(?:(?:\d+W)|(?:\d+\.\d+W$))?))(?:(?:\d+D)|(?:\d+\.\d+D$))?(?:T(?!$)(?:(?:\d+H)|(?:\d+\.\d+H$))?(?:(?:\d+M)|(?:\d+\.\d+M$))?(?:\d+(?:\.\d+)?S)?)?$/;
const XSD = "http://www.w3.org/2001/XMLSchema#";

/**
 * What language maps are made from: an object without prototype, so that a language map has no
 * inherited members (a code such as "constructor" finds nothing), while each map itself stays a
 * small ordinary object (one made by `Object.create(null)` is a hash table, several times larger).
 */
const LANG_MAP_BASE: object = Object.freeze(Object.create(null));

export interface LiteralTarget {
  readonly ctx: ActiveContext;
  readonly errors: ErrorCollector | undefined;
  readonly elementId: string | undefined;
  readonly property: string;
}

/** The element and property an error is about. */
function at(t: LiteralTarget): { primaryId: string | undefined; property: string } {
  return { primaryId: t.elementId, property: t.property };
}

function declares(types: readonly (string | null)[], xsd: string): boolean {
  return types.includes(`xsd:${xsd}`) || types.includes(XSD + xsd);
}

function checkValueObject(t: LiteralTarget, elt: JsonElement): void {
  const e = t.errors;
  if (!e) return;
  const base = at(t);
  if (elt.hasContext) e.add("valueObjectContext", base);
  if (elt.id !== undefined) e.add("valueObjectId", base);
  if (elt.hasGraph) e.add("valueObjectGraph", base);
  if (t.ctx.restrictKeywords) {
    if (elt.language !== undefined) e.add("valueObjectLanguage", base);
    for (const k of elt.keywords) e.add("valueObjectKeyword", { ...base, value: k });
  }
  if (elt.hasProperties) {
    for (const key in elt.raw) {
      if (Object.hasOwn(elt.raw, key) && !isKeyword(key)) e.add("valueObjectInvalidProp", { ...base, value: key });
    }
  }
}

type Kind = "string" | "integer" | "numeric" | "boolean" | "duration" | "literal";

/** Unwraps a value object; returns the inner value or undefined (errors reported when required). */
function unwrap(
  t: LiteralTarget,
  value: Readonly<Record<string, unknown>>,
  kind: Kind,
  xsd: string,
  required: boolean,
): { inner: unknown; declared: boolean } | undefined {
  const elt = new JsonElement(value);
  checkValueObject(t, elt);
  const base = at(t);
  if (!elt.hasValue) {
    t.errors?.add(`${kind}ObjectNoValue`, base);
    return undefined;
  }
  let declared = false;
  if (elt.types !== undefined) {
    if (elt.types.length !== 1) {
      t.errors?.add("literalTypeNotSingular", base);
      return undefined;
    }
    declared = declares(elt.types, xsd);
    if (!declared) {
      if (required) t.errors?.add(`${kind}TypeNot${capitalize(kind)}`, base);
      return undefined;
    }
  }
  return { inner: elt.value, declared };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function tryString(
  t: LiteralTarget,
  value: unknown,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
  kind: Kind,
  required: boolean,
): string | undefined {
  let text: string;
  if (typeof value === "string") {
    text = value;
  } else if (isJsonObject(value)) {
    const u = unwrap(t, value, kind, "string", required);
    if (!u) return undefined;
    if (typeof u.inner !== "string") {
      if (required || u.declared) t.errors?.add("stringValueNotString", at(t));
      return undefined;
    }
    text = u.inner;
  } else {
    if (required) t.errors?.add(`${kind}NotString`, at(t));
    return undefined;
  }
  if (maxLength !== undefined && text.length > maxLength) {
    t.errors?.add(`${kind === "literal" ? "string" : kind}TooLong`, {
      ...at(t),
      value: text,
      restriction: String(maxLength),
    });
  }
  if (pattern !== undefined && !pattern.test(text)) {
    t.errors?.add(`${kind === "literal" ? "string" : kind}Invalid`, {
      ...at(t),
      value: text,
      restriction: pattern.source,
    });
  }
  return text;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}

export function tryInteger(
  t: LiteralTarget,
  value: unknown,
  min: number | undefined,
  max: number | undefined,
  kind: Kind,
  required: boolean,
): number | undefined {
  let n: number;
  if (typeof value === "number" && isInt32(value)) {
    n = value;
  } else if (isJsonObject(value)) {
    const u = unwrap(t, value, kind, "integer", required);
    if (!u) return undefined;
    if (typeof u.inner !== "number" || !isInt32(u.inner)) {
      if (required || u.declared) t.errors?.add("integerValueNotInteger", at(t));
      return undefined;
    }
    n = u.inner;
  } else {
    if (required) t.errors?.add(`${kind}NotInteger`, at(t));
    return undefined;
  }
  checkRange(t, n, min, max);
  return n;
}

function checkRange(t: LiteralTarget, n: number, min: number | undefined, max: number | undefined): void {
  if (min === undefined && max === undefined) return;
  if (min !== undefined && max !== undefined && min === max && n !== min) {
    t.errors?.add("valueNotExact", { ...at(t), value: String(n), restriction: String(min) });
  } else if (min !== undefined && n < min) {
    t.errors?.add(max !== undefined ? "valueBelowRange" : "valueBelowMin", {
      ...at(t),
      value: String(n),
      restriction: max !== undefined ? `[${min}, ${max}]` : String(min),
    });
  } else if (max !== undefined && n > max) {
    t.errors?.add(min !== undefined ? "valueAboveRange" : "valueAboveMax", {
      ...at(t),
      value: String(n),
      restriction: min !== undefined ? `[${min}, ${max}]` : String(max),
    });
  }
}

export function tryNumeric(
  t: LiteralTarget,
  value: unknown,
  min: number | undefined,
  max: number | undefined,
  kind: Kind,
  required: boolean,
): number | undefined {
  let n: number;
  if (typeof value === "number") {
    n = value;
  } else if (isJsonObject(value)) {
    const u = unwrap(t, value, kind, "decimal", required);
    if (!u) return undefined;
    if (typeof u.inner !== "number") {
      if (required || u.declared) t.errors?.add("numericValueNotNumeric", at(t));
      return undefined;
    }
    n = u.inner;
  } else {
    if (required) t.errors?.add(`${kind}NotNumeric`, at(t));
    return undefined;
  }
  checkRange(t, n, min, max);
  return n;
}

export function tryBoolean(t: LiteralTarget, value: unknown, kind: Kind, required: boolean): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (isJsonObject(value)) {
    const u = unwrap(t, value, kind, "boolean", required);
    if (!u) return undefined;
    if (typeof u.inner !== "boolean") {
      if (required || u.declared) t.errors?.add("booleanValueNotBoolean", at(t));
      return undefined;
    }
    return u.inner;
  }
  if (required) t.errors?.add(`${kind}NotBoolean`, at(t));
  return undefined;
}

export function tryDuration(t: LiteralTarget, value: unknown, kind: Kind, required: boolean): string | undefined {
  let text: string;
  if (typeof value === "string") {
    text = value;
  } else if (isJsonObject(value)) {
    const u = unwrap(t, value, kind, "duration", required);
    if (!u) return undefined;
    if (typeof u.inner !== "string") {
      if (required || u.declared) t.errors?.add(`${kind}ValueNotString`, at(t));
      return undefined;
    }
    text = u.inner;
  } else {
    if (required) t.errors?.add(`${kind}NotString`, at(t));
    return undefined;
  }
  if (!DURATION.test(text)) {
    if (required) t.errors?.add(`${kind}Invalid`, { ...at(t), value: text });
    return undefined;
  }
  return text;
}

/** A value that may be a string, integer, decimal or boolean (e.g. `enumValue`). */
export function parseSingularLiteral(
  t: LiteralTarget,
  values: readonly unknown[],
): { value: string | number | boolean; type: "string" | "integer" | "decimal" | "boolean" } | undefined {
  if (values.length === 0) {
    t.errors?.add("literalCountBelowMin", { ...at(t), restriction: "1" });
    return undefined;
  }
  if (values.length > 1) {
    t.errors?.add("literalMultipleValues", at(t));
    return undefined;
  }
  const v = values[0];
  const isElement = isJsonObject(v);
  if (isElement || typeof v === "string") {
    const s = tryString(t, v, undefined, undefined, "literal", false);
    if (s !== undefined) return { value: s, type: "string" };
  }
  if (isElement || typeof v === "number") {
    const i = tryInteger(t, v, undefined, undefined, "literal", false);
    if (i !== undefined) return { value: i, type: "integer" };
    const d = tryNumeric(t, v, undefined, undefined, "literal", false);
    if (d !== undefined) return { value: d, type: "decimal" };
  }
  if (isElement || typeof v === "boolean") {
    const b = tryBoolean(t, v, "literal", false);
    if (b !== undefined) return { value: b, type: "boolean" };
  }
  t.errors?.add("literalNotValid", at(t));
  return undefined;
}

/**
 * The list a singular property's value is returned in: shared, always of length 1 (the value, or
 * undefined when it was not valid), and read by the caller at once.
 */
const singularOutput: unknown[] = [undefined];

/** A fresh list for a plural property's values; the shared one, cleared, for a singular one. */
function outputList<T>(plural: boolean): T[] {
  if (plural) return [];
  singularOutput[0] = undefined;
  return singularOutput as T[];
}

function countCheck(t: LiteralTarget, kind: string, values: readonly unknown[], minCount: number): void {
  if (values.length < minCount) {
    t.errors?.add(`${kind}CountBelowMin`, {
      primaryId: t.elementId,
      property: t.property,
      restriction: String(minCount),
    });
  }
}

export function parseStrings(
  t: LiteralTarget,
  values: readonly unknown[],
  plural: boolean,
  optional: boolean,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): string[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("stringMultipleValues", at(t));
    return undefined;
  }
  countCheck(t, "string", values, optional ? 0 : 1);
  const out = outputList<string>(plural);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const s = tryString(t, v, maxLength, pattern, "string", true);
    if (s !== undefined) out[plural ? out.length : 0] = s;
  }
  return out;
}

export function parseIntegers(
  t: LiteralTarget,
  values: readonly unknown[],
  plural: boolean,
  optional: boolean,
  min: number | undefined,
  max: number | undefined,
): number[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("integerMultipleValues", at(t));
    return undefined;
  }
  countCheck(t, "integer", values, optional ? 0 : 1);
  const out = outputList<number>(plural);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const n = tryInteger(t, v, min, max, "integer", true);
    if (n !== undefined) out[plural ? out.length : 0] = n;
  }
  return out;
}

export function parseNumerics(
  t: LiteralTarget,
  values: readonly unknown[],
  plural: boolean,
  optional: boolean,
  min: number | undefined,
  max: number | undefined,
): number[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("numericMultipleValues", at(t));
    return undefined;
  }
  countCheck(t, "numeric", values, optional ? 0 : 1);
  const out = outputList<number>(plural);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const n = tryNumeric(t, v, min, max, "numeric", true);
    if (n !== undefined) out[plural ? out.length : 0] = n;
  }
  return out;
}

export function parseBooleans(
  t: LiteralTarget,
  values: readonly unknown[],
  plural: boolean,
  optional: boolean,
): boolean[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("booleanMultipleValues", at(t));
    return undefined;
  }
  countCheck(t, "boolean", values, optional ? 0 : 1);
  const out = outputList<boolean>(plural);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const b = tryBoolean(t, v, "boolean", true);
    if (b !== undefined) out[plural ? out.length : 0] = b;
  }
  return out;
}

export function parseDurations(
  t: LiteralTarget,
  values: readonly unknown[],
  plural: boolean,
  optional: boolean,
): string[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("durationMultipleValues", at(t));
    return undefined;
  }
  countCheck(t, "duration", values, optional ? 0 : 1);
  const out = outputList<string>(plural);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const d = tryDuration(t, v, "duration", true);
    if (d !== undefined) out[plural ? out.length : 0] = d;
  }
  return out;
}

/** Identifier-valued literal (e.g. Relationship `target`): a DTMI or a term. */
export function parseIdentifiers(
  t: LiteralTarget,
  values: readonly unknown[],
  plural: boolean,
  optional: boolean,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
  requireDtmi: boolean,
): string[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("identifierMultipleValues", at(t));
    return undefined;
  }
  if (values.length < (optional ? 0 : 1)) t.errors?.add("identifierCountBelowMin", { ...at(t), restriction: "1" });
  const out = outputList<string>(plural);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "string") {
      t.errors?.add("identifierNotString", at(t));
      continue;
    }
    const uri = requireDtmi ? t.ctx.resolveDtmi(v) : t.ctx.resolveUri(v);
    if (uri === undefined) {
      t.errors?.add(requireDtmi ? "identifierNotDtmi" : "identifierNotUri", { ...at(t), value: v });
      continue;
    }
    if (maxLength !== undefined && uri.length > maxLength) {
      t.errors?.add("identifierTooLong", { ...at(t), value: uri, restriction: String(maxLength) });
    }
    if (pattern !== undefined && !pattern.test(uri)) {
      t.errors?.add("identifierInvalid", { ...at(t), value: uri, restriction: pattern.source });
    }
    out[plural ? out.length : 0] = uri;
  }
  return out;
}

export function isValidLanguageCode(code: string): boolean {
  return LANGUAGE_CODE.test(code);
}

/** Language-tagged strings: a plain string, an array of strings/value objects, or a language map. */
export function parseLangString(
  t: LiteralTarget,
  values: readonly unknown[],
  plural: boolean,
  defaultLang: string,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): LangMap {
  const first = values[0];
  if (!plural && isJsonObject(first)) return fromLanguageMap(t, first, maxLength, pattern);
  return fromTaggedStrings(t, values, defaultLang, maxLength, pattern);
}

function checkLangValue(
  t: LiteralTarget,
  text: string,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): void {
  if (maxLength !== undefined && text.length > maxLength) {
    t.errors?.add("langStringValueTooLong", { ...at(t), value: text, restriction: String(maxLength) });
  }
  if (pattern !== undefined && !pattern.test(text)) {
    t.errors?.add("langStringValueInvalid", { ...at(t), value: text, restriction: pattern.source });
  }
}

function fromTaggedStrings(
  t: LiteralTarget,
  values: readonly unknown[],
  defaultLang: string,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): LangMap {
  const out: Record<string, string> = Object.create(LANG_MAP_BASE);
  // Codes already given; the first one needs no set (the usual single value).
  let firstCode: string | undefined;
  let seen: Set<string> | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "string" && !isJsonObject(v)) {
      t.errors?.add("langStringElementNotStringOrObject", at(t));
      continue;
    }
    let code: string;
    let text: string | undefined;
    if (typeof v === "string") {
      code = defaultLang;
      text = v;
    } else {
      const elt = new JsonElement(v);
      if (elt.language === undefined) {
        code = defaultLang;
      } else {
        if (elt.language === "") {
          t.errors?.add("langStringElementCodeNotString", at(t));
          continue;
        }
        code = elt.language;
        if (!isValidLanguageCode(code)) t.errors?.add("langStringElementInvalidCode", { ...at(t), value: code });
      }
      if (!elt.hasValue) {
        t.errors?.add("langStringElementNoValue", at(t));
      } else if (typeof elt.value !== "string") {
        t.errors?.add("langStringElementValueNotString", at(t));
        continue;
      } else {
        text = elt.value;
      }
      if (elt.hasContext) t.errors?.add("langStringElementContext", at(t));
      if (elt.id !== undefined) t.errors?.add("langStringElementId", at(t));
      if (elt.hasGraph) t.errors?.add("langStringElementGraph", at(t));
      if (t.ctx.restrictKeywords) {
        if (elt.types !== undefined) t.errors?.add("langStringElementType", at(t));
        for (const k of elt.keywords) t.errors?.add("langStringElementKeyword", { ...at(t), value: k });
      }
      if (elt.hasProperties) {
        for (const key in v) {
          if (Object.hasOwn(v, key) && !isKeyword(key)) {
            t.errors?.add("langStringElementInvalidProp", { ...at(t), value: key });
          }
        }
      }
    }
    if (text !== undefined) checkLangValue(t, text, maxLength, pattern);
    let duplicate: boolean;
    if (firstCode === undefined) {
      firstCode = code;
      duplicate = false;
    } else {
      seen ??= new Set([firstCode]);
      duplicate = seen.has(code);
      if (!duplicate) seen.add(code);
    }
    if (duplicate) {
      t.errors?.add("langStringElementCodeNotUnique", { ...at(t), value: code });
    } else if (text !== undefined) {
      out[code] = text;
    }
  }
  return out;
}

function fromLanguageMap(
  t: LiteralTarget,
  raw: Readonly<Record<string, unknown>>,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): LangMap {
  // Keywords are rare in a language map: read them (and report them, in this order) only if any.
  let hasKeyword = false;
  for (const key in raw) {
    if (Object.hasOwn(raw, key) && isKeyword(key)) {
      hasKeyword = true;
      break;
    }
  }
  if (hasKeyword) {
    const elt = new JsonElement(raw);
    if (elt.language !== undefined && typeof elt.value === "string" && elt.propertyCount === 2) {
      t.errors?.add("langTagValueInLangMap", at(t));
    } else {
      if (elt.language !== undefined) t.errors?.add("langMapObjKeyword", { ...at(t), value: "@language" });
      if (elt.hasValue) t.errors?.add("langMapObjKeyword", { ...at(t), value: "@value" });
    }
    if (elt.hasContext) t.errors?.add("langMapObjKeyword", { ...at(t), value: "@context" });
    if (elt.id !== undefined) t.errors?.add("langMapObjKeyword", { ...at(t), value: "@id" });
    if (elt.types !== undefined) t.errors?.add("langMapObjKeyword", { ...at(t), value: "@type" });
    if (elt.hasGraph) t.errors?.add("langMapObjKeyword", { ...at(t), value: "@graph" });
    for (const k of elt.keywords) t.errors?.add("langMapObjKeyword", { ...at(t), value: k });
  }
  const out: Record<string, string> = Object.create(LANG_MAP_BASE);
  for (const code in raw) {
    if (!Object.hasOwn(raw, code) || isKeyword(code)) continue;
    if (!isValidLanguageCode(code)) t.errors?.add("langStringInvalidCode", { ...at(t), value: code });
    const v = raw[code];
    if (typeof v !== "string") {
      t.errors?.add("langStringValueNotString", { ...at(t), value: code });
      continue;
    }
    checkLangValue(t, v, maxLength, pattern);
    out[code] = v;
  }
  return out;
}
