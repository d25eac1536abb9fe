import type { ActiveContext } from "./context.js";
import type { ErrorCollector } from "./errors.js";
import type { LdElement, LdValue } from "./jsonLd.js";
import type { LangMap } from "./model.js";

/**
 * Parsing of literal property values. A literal may be written bare (`"x"`, `3`, `true`) or as a
 * JSON-LD value object (`{"@value": 3, "@type": "xsd:integer"}`); language-tagged strings have
 * three spellings (string, array of strings/value objects, language map).
 */

const LANGUAGE_CODE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;
const DURATION =
  /^P(?!$)(?:(?:(?:(?:\d+Y)|(?:\d+\.\d+Y$))?(?:(?:\d+M)|(?:\d+\.\d+M$))?)|(?:(?:(?:\d+W)|(?:\d+\.\d+W$))?))(?:(?:\d+D)|(?:\d+\.\d+D$))?(?:T(?!$)(?:(?:\d+H)|(?:\d+\.\d+H$))?(?:(?:\d+M)|(?:\d+\.\d+M$))?(?:\d+(?:\.\d+)?S)?)?$/;
const XSD = "http://www.w3.org/2001/XMLSchema#";

export interface LiteralTarget {
  readonly ctx: ActiveContext;
  readonly errors: ErrorCollector | undefined;
  readonly elementId: string | undefined;
  readonly property: string;
}

function declares(types: readonly (string | null)[], xsd: string): boolean {
  return types.includes(`xsd:${xsd}`) || types.includes(XSD + xsd);
}

function checkValueObject(t: LiteralTarget, elt: LdElement): void {
  const e = t.errors;
  if (!e) return;
  const base = { primaryId: t.elementId, property: t.property };
  if (elt.hasContext) e.add("valueObjectContext", base);
  if (elt.id !== undefined) e.add("valueObjectId", base);
  if (elt.hasGraph) e.add("valueObjectGraph", base);
  if (t.ctx.restrictKeywords) {
    if (elt.language !== undefined) e.add("valueObjectLanguage", base);
    for (const k of elt.keywords) e.add("valueObjectKeyword", { ...base, value: k });
  }
  for (const p of elt.properties) e.add("valueObjectInvalidProp", { ...base, value: p.name });
}

type Kind = "string" | "integer" | "numeric" | "boolean" | "duration" | "literal";

/** Unwraps a value object; returns the inner value or undefined (errors reported when required). */
function unwrap(
  t: LiteralTarget,
  value: LdValue,
  kind: Kind,
  xsd: string,
  required: boolean,
): { inner: LdValue; declared: boolean } | undefined {
  if (value.kind !== "element") return { inner: value, declared: false };
  const elt = value.element;
  checkValueObject(t, elt);
  const base = { primaryId: t.elementId, property: t.property };
  if (elt.value === undefined) {
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
  value: LdValue,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
  kind: Kind,
  required: boolean,
): string | undefined {
  const base = { primaryId: t.elementId, property: t.property };
  let text: string;
  if (value.kind === "string") {
    text = value.value;
  } else if (value.kind === "element") {
    const u = unwrap(t, value, kind, "string", required);
    if (!u) return undefined;
    if (u.inner.kind !== "string") {
      if (required || u.declared) t.errors?.add("stringValueNotString", base);
      return undefined;
    }
    text = u.inner.value;
  } else {
    if (required) t.errors?.add(`${kind}NotString`, base);
    return undefined;
  }
  if (maxLength !== undefined && text.length > maxLength) {
    t.errors?.add(`${kind === "literal" ? "string" : kind}TooLong`, {
      ...base,
      value: text,
      restriction: String(maxLength),
    });
  }
  if (pattern !== undefined && !pattern.test(text)) {
    t.errors?.add(`${kind === "literal" ? "string" : kind}Invalid`, {
      ...base,
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
  value: LdValue,
  min: number | undefined,
  max: number | undefined,
  kind: Kind,
  required: boolean,
): number | undefined {
  const base = { primaryId: t.elementId, property: t.property };
  let n: number;
  if (value.kind === "number" && isInt32(value.value)) {
    n = value.value;
  } else if (value.kind === "element") {
    const u = unwrap(t, value, kind, "integer", required);
    if (!u) return undefined;
    if (u.inner.kind !== "number" || !isInt32(u.inner.value)) {
      if (required || u.declared) t.errors?.add("integerValueNotInteger", base);
      return undefined;
    }
    n = u.inner.value;
  } else {
    if (required) t.errors?.add(`${kind}NotInteger`, base);
    return undefined;
  }
  checkRange(t, n, min, max);
  return n;
}

function checkRange(t: LiteralTarget, n: number, min: number | undefined, max: number | undefined): void {
  if (min === undefined && max === undefined) return;
  const base = { primaryId: t.elementId, property: t.property, value: String(n) };
  if (min !== undefined && max !== undefined && min === max && n !== min) {
    t.errors?.add("valueNotExact", { ...base, restriction: String(min) });
  } else if (min !== undefined && n < min) {
    t.errors?.add(max !== undefined ? "valueBelowRange" : "valueBelowMin", {
      ...base,
      restriction: max !== undefined ? `[${min}, ${max}]` : String(min),
    });
  } else if (max !== undefined && n > max) {
    t.errors?.add(min !== undefined ? "valueAboveRange" : "valueAboveMax", {
      ...base,
      restriction: min !== undefined ? `[${min}, ${max}]` : String(max),
    });
  }
}

export function tryNumeric(
  t: LiteralTarget,
  value: LdValue,
  min: number | undefined,
  max: number | undefined,
  kind: Kind,
  required: boolean,
): number | undefined {
  const base = { primaryId: t.elementId, property: t.property };
  let n: number;
  if (value.kind === "number") {
    n = value.value;
  } else if (value.kind === "element") {
    const u = unwrap(t, value, kind, "decimal", required);
    if (!u) return undefined;
    if (u.inner.kind !== "number") {
      if (required || u.declared) t.errors?.add("numericValueNotNumeric", base);
      return undefined;
    }
    n = u.inner.value;
  } else {
    if (required) t.errors?.add(`${kind}NotNumeric`, base);
    return undefined;
  }
  checkRange(t, n, min, max);
  return n;
}

export function tryBoolean(t: LiteralTarget, value: LdValue, kind: Kind, required: boolean): boolean | undefined {
  const base = { primaryId: t.elementId, property: t.property };
  if (value.kind === "boolean") return value.value;
  if (value.kind === "element") {
    const u = unwrap(t, value, kind, "boolean", required);
    if (!u) return undefined;
    if (u.inner.kind !== "boolean") {
      if (required || u.declared) t.errors?.add("booleanValueNotBoolean", base);
      return undefined;
    }
    return u.inner.value;
  }
  if (required) t.errors?.add(`${kind}NotBoolean`, base);
  return undefined;
}

export function tryDuration(t: LiteralTarget, value: LdValue, kind: Kind, required: boolean): string | undefined {
  const base = { primaryId: t.elementId, property: t.property };
  let text: string;
  if (value.kind === "string") {
    text = value.value;
  } else if (value.kind === "element") {
    const u = unwrap(t, value, kind, "duration", required);
    if (!u) return undefined;
    if (u.inner.kind !== "string") {
      if (required || u.declared) t.errors?.add(`${kind}ValueNotString`, base);
      return undefined;
    }
    text = u.inner.value;
  } else {
    if (required) t.errors?.add(`${kind}NotString`, base);
    return undefined;
  }
  if (!DURATION.test(text)) {
    if (required) t.errors?.add(`${kind}Invalid`, { ...base, value: text });
    return undefined;
  }
  return text;
}

/** A value that may be a string, integer, decimal or boolean (e.g. `enumValue`). */
export function parseSingularLiteral(
  t: LiteralTarget,
  values: readonly LdValue[],
): { value: string | number | boolean; type: "string" | "integer" | "decimal" | "boolean" } | undefined {
  const base = { primaryId: t.elementId, property: t.property };
  if (values.length === 0) {
    t.errors?.add("literalCountBelowMin", { ...base, restriction: "1" });
    return undefined;
  }
  if (values.length > 1) {
    t.errors?.add("literalMultipleValues", base);
    return undefined;
  }
  const v = values[0]!;
  const isElement = v.kind === "element";
  if (isElement || v.kind === "string") {
    const s = tryString(t, v, undefined, undefined, "literal", false);
    if (s !== undefined) return { value: s, type: "string" };
  }
  if (isElement || v.kind === "number") {
    const i = tryInteger(t, v, undefined, undefined, "literal", false);
    if (i !== undefined) return { value: i, type: "integer" };
    const d = tryNumeric(t, v, undefined, undefined, "literal", false);
    if (d !== undefined) return { value: d, type: "decimal" };
  }
  if (isElement || v.kind === "boolean") {
    const b = tryBoolean(t, v, "literal", false);
    if (b !== undefined) return { value: b, type: "boolean" };
  }
  t.errors?.add("literalNotValid", base);
  return undefined;
}

function countCheck(t: LiteralTarget, kind: string, values: readonly LdValue[], minCount: number): void {
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
  values: readonly LdValue[],
  plural: boolean,
  optional: boolean,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): string[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("stringMultipleValues", { primaryId: t.elementId, property: t.property });
    return undefined;
  }
  countCheck(t, "string", values, optional ? 0 : 1);
  const out: string[] = [];
  for (const v of values) {
    const s = tryString(t, v, maxLength, pattern, "string", true);
    if (s !== undefined) out.push(s);
  }
  return out;
}

export function parseIntegers(
  t: LiteralTarget,
  values: readonly LdValue[],
  plural: boolean,
  optional: boolean,
  min: number | undefined,
  max: number | undefined,
): number[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("integerMultipleValues", { primaryId: t.elementId, property: t.property });
    return undefined;
  }
  countCheck(t, "integer", values, optional ? 0 : 1);
  const out: number[] = [];
  for (const v of values) {
    const n = tryInteger(t, v, min, max, "integer", true);
    if (n !== undefined) out.push(n);
  }
  return out;
}

export function parseNumerics(
  t: LiteralTarget,
  values: readonly LdValue[],
  plural: boolean,
  optional: boolean,
  min: number | undefined,
  max: number | undefined,
): number[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("numericMultipleValues", { primaryId: t.elementId, property: t.property });
    return undefined;
  }
  countCheck(t, "numeric", values, optional ? 0 : 1);
  const out: number[] = [];
  for (const v of values) {
    const n = tryNumeric(t, v, min, max, "numeric", true);
    if (n !== undefined) out.push(n);
  }
  return out;
}

export function parseBooleans(
  t: LiteralTarget,
  values: readonly LdValue[],
  plural: boolean,
  optional: boolean,
): boolean[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("booleanMultipleValues", { primaryId: t.elementId, property: t.property });
    return undefined;
  }
  countCheck(t, "boolean", values, optional ? 0 : 1);
  const out: boolean[] = [];
  for (const v of values) {
    const b = tryBoolean(t, v, "boolean", true);
    if (b !== undefined) out.push(b);
  }
  return out;
}

export function parseDurations(
  t: LiteralTarget,
  values: readonly LdValue[],
  plural: boolean,
  optional: boolean,
): string[] | undefined {
  if (!plural && values.length > 1) {
    t.errors?.add("durationMultipleValues", { primaryId: t.elementId, property: t.property });
    return undefined;
  }
  countCheck(t, "duration", values, optional ? 0 : 1);
  const out: string[] = [];
  for (const v of values) {
    const d = tryDuration(t, v, "duration", true);
    if (d !== undefined) out.push(d);
  }
  return out;
}

/** Identifier-valued literal (e.g. Relationship `target`): a DTMI or a term. */
export function parseIdentifiers(
  t: LiteralTarget,
  values: readonly LdValue[],
  plural: boolean,
  optional: boolean,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
  requireDtmi: boolean,
): string[] | undefined {
  const base = { primaryId: t.elementId, property: t.property };
  if (!plural && values.length > 1) {
    t.errors?.add("identifierMultipleValues", base);
    return undefined;
  }
  if (values.length < (optional ? 0 : 1)) t.errors?.add("identifierCountBelowMin", { ...base, restriction: "1" });
  const out: string[] = [];
  for (const v of values) {
    if (v.kind !== "string") {
      t.errors?.add("identifierNotString", base);
      continue;
    }
    const uri = requireDtmi ? t.ctx.resolveDtmi(v.value) : t.ctx.resolveUri(v.value);
    if (uri === undefined) {
      t.errors?.add(requireDtmi ? "identifierNotDtmi" : "identifierNotUri", { ...base, value: v.value });
      continue;
    }
    if (maxLength !== undefined && uri.length > maxLength) {
      t.errors?.add("identifierTooLong", { ...base, value: uri, restriction: String(maxLength) });
    }
    if (pattern !== undefined && !pattern.test(uri)) {
      t.errors?.add("identifierInvalid", { ...base, value: uri, restriction: pattern.source });
    }
    out.push(uri);
  }
  return out;
}

export function isValidLanguageCode(code: string): boolean {
  return LANGUAGE_CODE.test(code);
}

/** Language-tagged strings: a plain string, an array of strings/value objects, or a language map. */
export function parseLangString(
  t: LiteralTarget,
  values: readonly LdValue[],
  plural: boolean,
  defaultLang: string,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): LangMap {
  const first = values[0];
  if (!plural && first?.kind === "element") return fromLanguageMap(t, first.element, maxLength, pattern);
  return fromTaggedStrings(t, values, defaultLang, maxLength, pattern);
}

function checkLangValue(
  t: LiteralTarget,
  text: string,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): void {
  const base = { primaryId: t.elementId, property: t.property, value: text };
  if (maxLength !== undefined && text.length > maxLength) {
    t.errors?.add("langStringValueTooLong", { ...base, restriction: String(maxLength) });
  }
  if (pattern !== undefined && !pattern.test(text)) {
    t.errors?.add("langStringValueInvalid", { ...base, restriction: pattern.source });
  }
}

function fromTaggedStrings(
  t: LiteralTarget,
  values: readonly LdValue[],
  defaultLang: string,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): LangMap {
  const base = { primaryId: t.elementId, property: t.property };
  const seen = new Set<string>();
  const out: Record<string, string> = Object.create(null);
  for (const v of values) {
    if (v.kind !== "string" && v.kind !== "element") {
      t.errors?.add("langStringElementNotStringOrObject", base);
      continue;
    }
    let code: string;
    let text: string | undefined;
    if (v.kind === "string") {
      code = defaultLang;
      text = v.value;
    } else {
      const elt = v.element;
      if (elt.language === undefined) {
        code = defaultLang;
      } else {
        if (elt.language === "") {
          t.errors?.add("langStringElementCodeNotString", base);
          continue;
        }
        code = elt.language;
        if (!isValidLanguageCode(code)) t.errors?.add("langStringElementInvalidCode", { ...base, value: code });
      }
      if (elt.value === undefined) {
        t.errors?.add("langStringElementNoValue", base);
      } else if (elt.value.kind !== "string") {
        t.errors?.add("langStringElementValueNotString", base);
        continue;
      } else {
        text = elt.value.value;
      }
      if (elt.hasContext) t.errors?.add("langStringElementContext", base);
      if (elt.id !== undefined) t.errors?.add("langStringElementId", base);
      if (elt.hasGraph) t.errors?.add("langStringElementGraph", base);
      if (t.ctx.restrictKeywords) {
        if (elt.types !== undefined) t.errors?.add("langStringElementType", base);
        for (const k of elt.keywords) t.errors?.add("langStringElementKeyword", { ...base, value: k });
      }
      for (const p of elt.properties) t.errors?.add("langStringElementInvalidProp", { ...base, value: p.name });
    }
    if (text !== undefined) checkLangValue(t, text, maxLength, pattern);
    if (seen.has(code)) {
      t.errors?.add("langStringElementCodeNotUnique", { ...base, value: code });
    } else {
      seen.add(code);
      if (text !== undefined) out[code] = text;
    }
  }
  return out;
}

function fromLanguageMap(
  t: LiteralTarget,
  elt: LdElement,
  maxLength: number | undefined,
  pattern: RegExp | undefined,
): LangMap {
  const base = { primaryId: t.elementId, property: t.property };
  if (elt.language !== undefined && elt.value?.kind === "string" && elt.propertyCount === 2) {
    t.errors?.add("langTagValueInLangMap", base);
  } else {
    if (elt.language !== undefined) t.errors?.add("langMapObjKeyword", { ...base, value: "@language" });
    if (elt.value !== undefined) t.errors?.add("langMapObjKeyword", { ...base, value: "@value" });
  }
  if (elt.hasContext) t.errors?.add("langMapObjKeyword", { ...base, value: "@context" });
  if (elt.id !== undefined) t.errors?.add("langMapObjKeyword", { ...base, value: "@id" });
  if (elt.types !== undefined) t.errors?.add("langMapObjKeyword", { ...base, value: "@type" });
  if (elt.hasGraph) t.errors?.add("langMapObjKeyword", { ...base, value: "@graph" });
  for (const k of elt.keywords) t.errors?.add("langMapObjKeyword", { ...base, value: k });
  const out: Record<string, string> = Object.create(null);
  for (const p of elt.properties) {
    if (!isValidLanguageCode(p.name)) t.errors?.add("langStringInvalidCode", { ...base, value: p.name });
    const v = p.values[0];
    if (p.values.length !== 1 || p.plural || v?.kind !== "string") {
      t.errors?.add("langStringValueNotString", { ...base, value: p.name });
      continue;
    }
    checkLangValue(t, v.value, maxLength, pattern);
    out[p.name] = v.value;
  }
  return out;
}
