import { dealias } from "./aliases.js";
import type { ActiveContext } from "./context.js";
import { childId, parseDtmi } from "./dtmi.js";
import type { ErrorCollector } from "./errors.js";
import { isJsonObject, isKeyword, JsonElement, literalValuesOf, valuesOf } from "./jsonElement.js";
import {
  type LiteralTarget,
  parseBooleans,
  parseDurations,
  parseIdentifiers,
  parseIntegers,
  parseLangString,
  parseNumerics,
  parseSingularLiteral,
  parseStrings,
} from "./literals.js";
import type { Limit, PropertyRule, SupplementalPropertyRule } from "./metamodelTypes.js";
import {
  addObject,
  Literals,
  NO_OBJECTS,
  NO_PROPERTIES,
  type ObjectReference,
  type ParsedElement,
  setSupplemental,
  setUndefinedProperty,
} from "./parsedElement.js";
import { classRule, supplementalLineage, supplementalType, termOrIri } from "./rules.js";

/** Where an element being parsed sits. */
export interface ElementSite {
  readonly parentId: string | undefined;
  readonly definedIn: string | undefined;
  readonly propName: string | undefined;
  readonly dtmiSeg: string | undefined;
  readonly idRequired: boolean;
  readonly typeRequired: boolean;
  readonly allowedVersions: readonly number[] | undefined;
  /** Class to assume when @type is absent. */
  readonly inferredType: string | undefined;
  /** Class the element must belong to (concrete subclasses accepted). */
  readonly expectedClass: string | undefined;
}

/** Shared state of one parse: the elements found so far and the references still to resolve. */
export interface ParseState {
  readonly elements: Map<string, ParsedElement>;
  /** References written as strings, checked once every element is known. */
  readonly references: ObjectReference[];
  readonly errors: ErrorCollector;
  /** Index of the document being parsed (undefined for resolved and standard documents). */
  docIndex: number | undefined;
  readonly allowReservedIds: boolean;
  readonly isStandard: boolean;
  /** Ids of the elements whose definitions are being parsed (ancestors of the current one). */
  readonly pending: string[];
  /** Elements made so far (the next element's slot). */
  slots: number;
}

/** A site that is filled in anew for each element parsed at one nesting level. */
class Site implements ElementSite {
  parentId: string | undefined = undefined;
  definedIn: string | undefined = undefined;
  propName: string | undefined = undefined;
  dtmiSeg: string | undefined = undefined;
  idRequired = false;
  typeRequired = false;
  allowedVersions: readonly number[] | undefined = undefined;
  inferredType: string | undefined = undefined;
  expectedClass: string | undefined = undefined;
}

/**
 * Headers and sites of inline elements, one of each per nesting level: an element's header and
 * site are only read before its children are parsed, and siblings are parsed one after another.
 */
const headerPool: JsonElement[] = [];
const sitePool: Site[] = [];

function headerAt(depth: number, raw: Readonly<Record<string, unknown>>): JsonElement {
  const header = headerPool[depth];
  if (header === undefined) {
    const fresh = new JsonElement(raw);
    headerPool[depth] = fresh;
    return fresh;
  }
  return header.reset(raw);
}

function siteAt(depth: number): Site {
  let site = sitePool[depth];
  if (site === undefined) {
    site = new Site();
    sitePool[depth] = site;
  }
  return site;
}

const EMPTY_OBJECT: Readonly<Record<string, unknown>> = Object.freeze({});

/** Lets go of the last documents read (the reused headers would otherwise keep them alive). */
export function releaseParseScratch(): void {
  for (const header of headerPool) header.reset(EMPTY_OBJECT);
  literalValuesOf(undefined);
}

/** The target of literal parsing, reused (literal parsing never nests). */
class Target implements LiteralTarget {
  ctx!: ActiveContext;
  errors: ErrorCollector | undefined;
  elementId: string | undefined;
  property = "";
}
const literalTarget = new Target();

function target(
  ctx: ActiveContext,
  errors: ErrorCollector | undefined,
  elementId: string | undefined,
  property: string,
) {
  const t = literalTarget;
  t.ctx = ctx;
  t.errors = errors;
  t.elementId = elementId;
  t.property = property;
  return t;
}

const regexCache = new Map<string, RegExp>();
function regex(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  let r = regexCache.get(pattern);
  if (!r) {
    r = new RegExp(pattern);
    regexCache.set(pattern, r);
  }
  return r;
}

function limit(l: Limit | undefined, spec: string): number | undefined {
  if (l === undefined) return undefined;
  return l[spec] ?? l[""];
}

/** Parses one JSON object as a DTDL element (recursively parsing inline children). */
export function parseElement(
  state: ParseState,
  parentCtx: ActiveContext,
  ld: JsonElement,
  site: ElementSite,
): ParsedElement | undefined {
  return parseElementIn(state, parentCtx.child(ld, state.errors), ld, site);
}

/** Parses an element whose own context is already known. */
function parseElementIn(
  state: ParseState,
  ctx: ActiveContext,
  ld: JsonElement,
  site: ElementSite,
): ParsedElement | undefined {
  const errors: ErrorCollector = state.errors;

  if (ld.propertyCount === 1 && ld.id !== undefined) {
    errors.add("idReference", { primaryId: site.parentId, property: site.propName, value: ld.id });
    return undefined;
  }
  if (ld.hasGraph) errors.add("graphDisallowed", { primaryId: site.parentId, property: site.propName });
  if (ctx.restrictKeywords && (ld.language !== undefined || ld.hasValue || ld.keywords.length > 0)) {
    const siteErr = { primaryId: site.parentId, property: site.propName };
    if (ld.language !== undefined) errors.add("keywordDisallowed", { ...siteErr, value: "@language" });
    if (ld.hasValue) errors.add("keywordDisallowed", { ...siteErr, value: "@value" });
    for (const k of ld.keywords) errors.add("keywordDisallowed", { ...siteErr, value: k });
  }
  if (site.allowedVersions && !site.allowedVersions.includes(ctx.dtdlVersion)) {
    errors.add("disallowedVersionDefinition", {
      primaryId: site.parentId,
      property: site.propName,
      value: String(ctx.dtdlVersion),
      restriction: site.allowedVersions.join(", "),
    });
  }

  const id = parseIdProperty(state, ctx, ld, site);

  if (state.elements.has(id) || state.pending.includes(id)) {
    if (!parseDtmi(id)?.isReserved) {
      errors.add("duplicateDefinition", { primaryId: id });
    } else if (site.dtmiSeg !== undefined) {
      const segValue = segmentValue(ctx, ld, site.dtmiSeg);
      errors.add("nonUniquePropertyValue", {
        primaryId: site.parentId,
        property: site.propName,
        value: segValue,
        restriction: site.dtmiSeg,
      });
    }
    return undefined;
  }

  if (site.typeRequired && ld.types === undefined) {
    errors.add("badType", {
      primaryId: site.parentId,
      property: site.propName,
      secondaryId: id,
      restriction: site.expectedClass,
    });
    return undefined;
  }

  const typeStrings: readonly (string | null)[] = ld.types ?? (site.inferredType ? [site.inferredType] : []);
  const typed = parseTypes(state, ctx, id, site, typeStrings);
  if (!typed) return undefined;
  const { kind, supplementalTypes, undefinedTypes, namedTypes } = typed;

  if (site.expectedClass !== undefined) {
    const allowed = ctx.index.concrete.get(site.expectedClass);
    // Elemental classes (primitive schemas, command types) only have their standard instances.
    const elemental = !state.isStandard && (classRule(ctx.dtdlVersion, kind)?.elemental ?? NO_TYPES).includes(kind);
    if (!allowed?.has(kind) || elemental) {
      errors.add("badType", {
        primaryId: site.parentId,
        property: site.propName,
        secondaryId: id,
        restriction: site.expectedClass,
      });
      return undefined;
    }
  }

  const element: ParsedElement = {
    id,
    version: ctx.dtdlVersion,
    kind,
    parentId: site.parentId,
    propName: site.propName,
    definedIn: site.definedIn,
    supplementalTypes,
    undefinedTypes,
    literals: new Literals(),
    objects: NO_OBJECTS,
    supplemental: NO_PROPERTIES,
    undefinedProps: NO_PROPERTIES,
    raw: ld.raw,
    docIndex: state.docIndex,
    context: ctx,
    isStandard: state.isStandard,
    slot: state.isStandard ? -1 : state.slots++,
  };
  state.pending.push(id);
  parseProperties(state, ctx, ld, element, ld.types !== undefined, namedTypes);
  state.pending.pop();
  // Registered after its children, so that the model lists descendants before ancestors (the order
  // in which later checks visit elements, and hence which element an error names).
  state.elements.set(id, element);
  return element;
}

function segmentValue(ctx: ActiveContext, ld: JsonElement, dtmiSeg: string): string | undefined {
  const key = findSegmentProperty(ld, dtmiSeg);
  if (key === undefined) return undefined;
  const lit = parseSingularLiteral(target(ctx, undefined, undefined, dtmiSeg), literalValuesOf(ld.raw[key]));
  return lit === undefined ? undefined : String(lit.value);
}

/** The member that gives the segment property (by term or property DTMI), if any. */
function findSegmentProperty(ld: JsonElement, dtmiSeg: string): string | undefined {
  if (!ld.hasProperties) return undefined;
  for (const key in ld.raw) {
    if (!Object.hasOwn(ld.raw, key) || isKeyword(key)) continue;
    if (key === dtmiSeg || (key.startsWith("dtmi:dtdl:property:") && termOrIri(key) === dtmiSeg)) return key;
  }
  return undefined;
}

function parseIdProperty(state: ParseState, ctx: ActiveContext, ld: JsonElement, site: ElementSite): string {
  const errors: ErrorCollector = state.errors;
  if (ld.id !== undefined) {
    if (ld.id === "") errors.quit("idNotString");
    const index = ctx.index;
    const maxLength = limit(index.rules.identifierDefinition.maxLength, ctx.limitSpecifier);
    if (maxLength !== undefined && ld.id.length > maxLength) {
      errors.quit("idTooLong", { value: ld.id, restriction: String(maxLength) });
    }
    if (!index.identifierDefinition.test(ld.id)) {
      errors.quit("invalidId", { value: ld.id, restriction: String(ctx.dtdlVersion) });
    }
    if (!state.allowReservedIds && ctx.isIdentifierReserved(ld.id)) {
      errors.quit("reservedId", { value: ld.id, restriction: ctx.reservedPrefixesText() });
    }
    return ld.id;
  }
  if (site.idRequired) {
    if (site.parentId === undefined) errors.quit("missingTopLevelId");
    errors.quit("missingRequiredId", { primaryId: site.parentId, property: site.propName });
  }
  let secondSeg = "";
  if (site.dtmiSeg !== undefined) {
    const segKey = findSegmentProperty(ld, site.dtmiSeg);
    if (segKey === undefined) {
      errors.quit("missingDtmiSegPropertyValue", {
        primaryId: site.parentId,
        property: site.propName,
        value: site.dtmiSeg,
      });
    }
    const lit = parseSingularLiteral(target(ctx, undefined, undefined, site.dtmiSeg), literalValuesOf(ld.raw[segKey]));
    if (lit?.type === "string" || lit?.type === "integer") secondSeg = `:__${lit.value}`;
    else if (lit?.type === "decimal") secondSeg = `:__${String(lit.value).replace(".", "_")}`;
    else {
      errors.quit("dtmiSegPropertyNotStringOrNumber", {
        primaryId: site.parentId,
        property: site.propName,
        value: site.dtmiSeg,
      });
    }
  }
  return childId(site.parentId!, site.propName!, secondSeg);
}

interface TypeInfo {
  readonly kind: string;
  readonly supplementalTypes: readonly string[];
  readonly undefinedTypes: readonly string[];
  /** Every extension type named, valid co-type or not (their properties are still recognised). */
  readonly namedTypes: readonly string[];
}

const NO_TYPES: readonly string[] = Object.freeze([]);
/** Results for the common case of a single material type, shared per class. */
const plainTypeInfo = new Map<string, TypeInfo>();

/**
 * Types found valid with no error, per context and spelling: the meaning of a list of types only
 * depends on the context, and co-typed elements (e.g. a Property with a semantic type) repeat the
 * same few lists.
 */
const typeCache = new WeakMap<ActiveContext, Map<string, TypeInfo>>();

function parseTypes(
  state: ParseState,
  ctx: ActiveContext,
  id: string,
  site: ElementSite,
  typeStrings: readonly (string | null)[],
): TypeInfo | undefined {
  if (typeStrings.length < 2 || typeStrings.includes(null)) return computeTypes(state, ctx, id, site, typeStrings);
  const key = typeStrings.join("\u0000");
  let cached = typeCache.get(ctx);
  const known = cached?.get(key);
  if (known !== undefined) return known;
  const before = state.errors.errors.length;
  const info = computeTypes(state, ctx, id, site, typeStrings);
  if (info !== undefined && state.errors.errors.length === before) {
    if (cached === undefined) {
      cached = new Map();
      typeCache.set(ctx, cached);
    }
    if (cached.size < 1024) cached.set(key, info);
  }
  return info;
}

function computeTypes(
  state: ParseState,
  ctx: ActiveContext,
  id: string,
  site: ElementSite,
  typeStrings: readonly (string | null)[],
): TypeInfo | undefined {
  const errors: ErrorCollector = state.errors;
  const index = ctx.index;
  if (typeStrings.length === 1) {
    const only = typeStrings[0];
    const material = only === null || only === undefined ? undefined : index.typeToClass.get(only);
    if (material !== undefined) {
      let info = plainTypeInfo.get(material);
      if (!info) {
        info = { kind: material, supplementalTypes: NO_TYPES, undefinedTypes: NO_TYPES, namedTypes: NO_TYPES };
        plainTypeInfo.set(material, info);
      }
      return info;
    }
  }
  const apocrypha = index.rules.apocrypha;
  const materialKinds = new Set<string>();
  let kind: string | undefined;
  const supplementalIds: string[] = [];
  const undefinedTypes: string[] = [];
  const extensionTypes: string[] = [];
  let failed = false;

  for (let i = 0; i < typeStrings.length; i++) {
    const typeString = typeStrings[i]!;
    if (typeString === null) {
      errors.add("typeNotDtmiNorTerm", { primaryId: id, value: "" });
      failed = true;
      continue;
    }
    if (index.abstractTypes.has(typeString)) {
      // An abstract material class names no concrete element kind.
      continue;
    }
    const material = index.typeToClass.get(typeString);
    if (material !== undefined) {
      if (kind === undefined) kind = material;
      materialKinds.add(material);
      continue;
    }
    const typeId = ctx.resolveDtmi(typeString);
    if (typeId === undefined) {
      if (typeString.startsWith("dtmi:")) {
        if (apocrypha.invalidDtmiAsCotype !== "valid") {
          errors.add("typeInvalidDtmi", { primaryId: id, value: typeString });
          failed = true;
          continue;
        }
      } else if (typeString.includes(":")) {
        if (tolerance(apocrypha.notDtmiNorTermAsCotype, ctx)) {
          errors.add("typeNotDtmiNorTerm", { primaryId: id, value: typeString });
          failed = true;
          continue;
        }
      } else if (tolerance(apocrypha.undefinedTermAsCotype, ctx)) {
        errors.add("typeUndefinedTerm", { primaryId: id, value: typeString, restriction: String(ctx.dtdlVersion) });
        failed = true;
        continue;
      }
      undefinedTypes.push(typeString);
      continue;
    }
    if (supplementalType(typeId) === undefined) {
      if (tolerance(apocrypha.irrelevantDtmiOrTermAsCotype, ctx)) {
        errors.add("typeIrrelevantDtmiOrTerm", {
          primaryId: id,
          value: typeString,
          restriction: String(ctx.dtdlVersion),
        });
        failed = true;
        continue;
      }
      undefinedTypes.push(typeString);
      continue;
    }
    const st = supplementalType(typeId)!;
    if (st.cotypes === undefined && (index.rules.extensibleClasses ?? []).includes(st.extensionKind)) {
      // Extension of an extensible material class (e.g. a unit type): the element is of that class.
      if (kind === undefined) kind = st.extensionKind;
      materialKinds.add(st.extensionKind);
      if (!extensionTypes.includes(typeId)) extensionTypes.push(typeId);
      continue;
    }
    if (!supplementalIds.includes(typeId)) supplementalIds.push(typeId);
  }
  if (failed) return undefined;
  if (kind === undefined) {
    errors.add("badType", {
      primaryId: site.parentId,
      property: site.propName,
      secondaryId: id,
      restriction: site.expectedClass,
    });
    return undefined;
  }
  if (materialKinds.size > 1) {
    errors.add("multipleMaterialTypes", { primaryId: id, value: [...materialKinds].join(" and ") });
    return undefined;
  }

  const supplementalTypes: string[] = [...extensionTypes];
  for (const typeId of supplementalIds) {
    const st = supplementalType(typeId)!;
    const cotype = termOrIri(typeId);
    const altCotype = (st.altcotypes ?? []).some((alt) => supplementalIds.includes(alt));
    if (!(st.cotypes ?? []).includes(kind) && !altCotype) {
      errors.add("invalidCotype", {
        primaryId: id,
        type: cotype,
        value: cotype,
        restriction: (st.cotypes ?? []).join(" or "),
      });
    } else if (!(st.cotypeVersions ?? []).includes(ctx.dtdlVersion)) {
      errors.add("invalidCotypeVersion", {
        primaryId: id,
        type: cotype,
        value: cotype,
        restriction: (st.cotypeVersions ?? []).join(" or "),
      });
    } else {
      if (st.abstract) errors.add("abstractSupplementalType", { primaryId: id, type: cotype, value: cotype });
      supplementalTypes.push(typeId);
      for (const other of st.discotypes ?? []) {
        if (supplementalIds.includes(other)) {
          errors.add("disallowedCocotype", { primaryId: id, type: cotype, restriction: termOrIri(other) });
        }
      }
      for (const required of st.cocotypes ?? []) {
        if (!supplementalIds.includes(required)) {
          errors.add("missingCocotype", { primaryId: id, type: cotype, restriction: termOrIri(required) });
        }
      }
    }
  }
  checkConflictingSupplementalTypes(state, id, supplementalTypes);
  return { kind, supplementalTypes, undefinedTypes, namedTypes: [...extensionTypes, ...supplementalIds] };
}

/** Two supplemental types of one element may not both define the same property name. */
function checkConflictingSupplementalTypes(state: ParseState, id: string, typeIds: readonly string[]): void {
  const byName = new Map<string, string>();
  for (const typeId of typeIds) {
    for (const lineageId of supplementalLineage(typeId)) {
      for (const rule of Object.values(supplementalType(lineageId)?.props ?? {})) {
        const other = byName.get(rule.name);
        if (other !== undefined && other !== typeId) {
          state.errors.add("conflictingSupplementalTypes", {
            primaryId: id,
            type: termOrIri(other),
            restriction: termOrIri(typeId),
            property: rule.name,
          });
        } else byName.set(rule.name, typeId);
      }
    }
  }
}

/** "invalid" always errs; "tenable" errs only when every context is known. */
function tolerance(level: string | undefined, ctx: ActiveContext): boolean {
  if (level === "invalid") return true;
  if (level === "tenable") return ctx.isComplete;
  return false;
}

function parseProperties(
  state: ParseState,
  ctx: ActiveContext,
  ld: JsonElement,
  element: ParsedElement,
  typed: boolean,
  namedTypes: readonly string[],
): void {
  const errors: ErrorCollector = state.errors;
  const index = ctx.index;
  const classProps = index.classProperties.get(element.kind)!;
  // Material properties given (by name), to catch a property given both as a term and as a DTMI.
  // Only a DTMI spelling can repeat one, so the set is only made once one is met.
  let seen: Set<string> | undefined;
  let seenSupplemental: Set<string> | undefined;
  const suppProps = supplementalPropertiesOf(namedTypes);
  const raw = ld.raw;

  if (ld.hasProperties) {
    for (const key in raw) {
      if (!Object.hasOwn(raw, key) || isKeyword(key)) continue;
      const material = classProps.get(key);
      if (material && !material.rule.disallowed) {
        if (seen === undefined && key !== material.name) seen = materialNamesBefore(raw, key, classProps);
        if (seen !== undefined) {
          if (seen.has(material.name)) {
            errors.add("duplicatePropertyName", { primaryId: element.id, property: material.name });
            continue;
          }
          seen.add(material.name);
        }
        parseMaterialProperty(state, ctx, element, material.name, material.rule, raw[key]);
        continue;
      }
      const iri = ctx.resolveUri(key);
      if (iri !== undefined) {
        const supp = suppProps.get(iri);
        if (supp) {
          seenSupplemental ??= new Set();
          if (seenSupplemental.has(iri)) {
            errors.add("duplicatePropertyName", { primaryId: element.id, property: key });
            continue;
          }
          seenSupplemental.add(iri);
          parseSupplementalProperty(state, ctx, element, iri, supp, raw[key]);
          continue;
        }
      }
      if (!checkUndefinedProperty(state, ctx, element, key, iri)) continue;
      if (element.undefinedTypes.length === 0) {
        if (typed) errors.add("noTypeThatAllows", { primaryId: element.id, property: key });
        else errors.add("inferredTypeDoesNotAllow", { primaryId: element.id, property: key, type: element.kind });
        continue;
      }
      setUndefinedProperty(element, key, raw[key]);
    }
  }

  const required = requiredProperties(element.version, element.kind);
  for (let i = 0; i < required.length; i++) {
    const { name, rule } = required[i]!;
    if (seen !== undefined ? seen.has(name) : Object.hasOwn(raw, name)) continue;
    if (rule.literal || rule.class === undefined) {
      errors.add(rule.class === undefined && !rule.literal ? "missingIdentifierProperty" : "missingLiteralProperty", {
        primaryId: element.id,
        property: name,
      });
    } else {
      errors.add("missingObjectProperty", { primaryId: element.id, property: name });
    }
  }
  if (suppProps.size > 0) checkRequiredSupplemental(errors, element, suppProps, seenSupplemental);
}

function checkRequiredSupplemental(
  errors: ErrorCollector,
  element: ParsedElement,
  suppProps: ReadonlyMap<string, SupplementalPropertyEntry>,
  seenSupplemental: ReadonlySet<string> | undefined,
): void {
  for (const [iri, supp] of suppProps) {
    if (seenSupplemental?.has(iri)) continue;
    if (supp.rule.optional && (supp.rule.minCount ?? 0) < 1) continue;
    const code = supplementalIsObject(supp.rule)
      ? "missingSupplementalObjectProperty"
      : supp.rule.typeName === "IRI"
        ? "missingSupplementalIdentifierProperty"
        : "missingSupplementalLiteralProperty";
    errors.add(code, { primaryId: element.id, property: supp.rule.name, type: termOrIri(supp.typeId) });
  }
}

type ClassProperties = ReadonlyMap<string, { readonly name: string; readonly rule: PropertyRule }>;

/** Names of the material properties given before `stop` (in member order). */
function materialNamesBefore(
  raw: Readonly<Record<string, unknown>>,
  stop: string,
  classProps: ClassProperties,
): Set<string> {
  const names = new Set<string>();
  for (const key in raw) {
    if (key === stop) break;
    if (!Object.hasOwn(raw, key) || isKeyword(key)) continue;
    const material = classProps.get(key);
    if (material && !material.rule.disallowed) names.add(material.name);
  }
  return names;
}

type RequiredProperties = readonly { readonly name: string; readonly rule: PropertyRule }[];

/** Per DTDL version: class → the properties an element of the class must have. */
const requiredCache: Map<string, RequiredProperties>[] = [];

/** Properties an element of a class must have. */
function requiredProperties(version: number, kind: string): RequiredProperties {
  let byKind = requiredCache[version];
  if (byKind === undefined) {
    byKind = new Map();
    requiredCache[version] = byKind;
  }
  let list = byKind.get(kind);
  if (!list) {
    list = Object.entries(classRule(version, kind)?.props ?? {})
      .filter(([, rule]) => !rule.disallowed && (!rule.optional || (rule.minCount ?? 0) >= 1))
      .map(([name, rule]) => ({ name, rule }));
    byKind.set(kind, list);
  }
  return list;
}

/** Applies the language's tolerance of unknown property names; true when the property may stand. */
function checkUndefinedProperty(
  state: ParseState,
  ctx: ActiveContext,
  element: ParsedElement,
  name: string,
  iri: string | undefined,
): boolean {
  const apocrypha = ctx.index.rules.apocrypha;
  const errors: ErrorCollector = state.errors;
  const base = { primaryId: element.id, property: name };
  if (iri === undefined || (name.startsWith("dtmi:") && parseDtmi(name) === undefined)) {
    if (name.startsWith("dtmi:")) {
      if (apocrypha.invalidDtmiAsProperty !== "valid") {
        errors.add("propertyInvalidDtmi", base);
        return false;
      }
    } else if (name.includes(":")) {
      if (tolerance(apocrypha.notDtmiNorTermAsProperty, ctx)) {
        errors.add("propertyNotDtmiNorTerm", base);
        return false;
      }
    } else if (tolerance(apocrypha.undefinedTermAsProperty, ctx)) {
      errors.add("propertyUndefinedTerm", { ...base, restriction: String(ctx.dtdlVersion) });
      return false;
    }
    return true;
  }
  if (!iri.startsWith("dtmi:") && name.includes(":")) {
    if (tolerance(apocrypha.notDtmiNorTermAsProperty, ctx)) {
      errors.add("propertyNotDtmiNorTerm", base);
      return false;
    }
    return true;
  }
  if (tolerance(apocrypha.irrelevantDtmiOrTermAsProperty, ctx)) {
    errors.add("propertyIrrelevantDtmiOrTerm", base);
    return false;
  }
  return true;
}

function parseMaterialProperty(
  state: ParseState,
  ctx: ActiveContext,
  element: ParsedElement,
  name: string,
  rule: PropertyRule,
  value: unknown,
): void {
  if (!rule.literal && rule.class !== undefined) {
    parseObjectProperty(state, ctx, element, name, rule, value);
    return;
  }
  const t = target(ctx, state.errors, element.id, name);
  const values = literalValuesOf(value);
  const plural = rule.plural === true;
  const optional = rule.optional === true;
  const spec = ctx.limitSpecifier;
  if (rule.literal) {
    switch (rule.datatype) {
      case "string": {
        const r = parseStrings(t, values, plural, optional, limit(rule.maxLength, spec), regex(rule.pattern));
        if (r) element.literals.set(name, plural ? r : r[0]);
        return;
      }
      case "langString":
        element.literals.set(
          name,
          parseLangString(
            t,
            values,
            Array.isArray(value),
            rule.defaultLanguage ?? "en",
            limit(rule.maxLength, spec),
            regex(rule.pattern),
          ),
        );
        return;
      case "integer": {
        const r = parseIntegers(t, values, plural, optional, rule.minInclusive, rule.maxInclusive);
        if (r) element.literals.set(name, plural ? r : r[0]);
        return;
      }
      case "boolean": {
        const r = parseBooleans(t, values, plural, optional);
        if (r) element.literals.set(name, plural ? r : r[0]);
        return;
      }
      case "duration": {
        const r = parseDurations(t, values, plural, optional);
        if (r) element.literals.set(name, plural ? r : r[0]);
        return;
      }
      case "double":
      case "float":
      case "decimal": {
        const r = parseNumerics(t, values, plural, optional, rule.minInclusive, rule.maxInclusive);
        if (r) element.literals.set(name, plural ? r : r[0]);
        return;
      }
      default: {
        // Untyped literal (e.g. enumValue): string, integer, decimal or boolean.
        const r = parseSingularLiteral(t, values);
        if (r) element.literals.set(name, r.value);
        return;
      }
    }
  }
  // Identifier-valued property, e.g. Relationship.target.
  const r = parseIdentifiers(t, values, plural, optional, limit(rule.maxLength, spec), regex(rule.pattern), true);
  if (r) element.literals.set(name, plural ? r : r[0]);
}

const NO_KINDS: ReadonlySet<string> = new Set();

function parseObjectProperty(
  state: ParseState,
  ctx: ActiveContext,
  element: ParsedElement,
  name: string,
  rule: PropertyRule,
  value: unknown,
): void {
  const errors: ErrorCollector = state.errors;
  let valid = 0;
  if (Array.isArray(value)) {
    const values = valuesOf(value);
    for (let i = 0; i < values.length; i++) valid += parseObjectValue(state, ctx, element, name, rule, values[i]);
  } else {
    valid = parseObjectValue(state, ctx, element, name, rule, value);
  }
  // Counts are of the values that parsed.
  if (!rule.plural && valid > 1) {
    errors.add("objectMultipleValues", { primaryId: element.id, property: name });
  } else if (rule.maxCount !== undefined && rule.plural && valid > rule.maxCount) {
    errors.add("objectCountAboveMax", { primaryId: element.id, property: name, restriction: String(rule.maxCount) });
  }
  if (rule.minCount !== undefined && valid < rule.minCount) {
    errors.add("objectCountBelowMin", { primaryId: element.id, property: name, restriction: String(rule.minCount) });
  }
}

/** One value of a material object property: a reference or an inline element; 1 when it stands. */
function parseObjectValue(
  state: ParseState,
  ctx: ActiveContext,
  element: ParsedElement,
  name: string,
  rule: PropertyRule,
  v: unknown,
): number {
  const cls = rule.class!;
  if (typeof v === "string") {
    const targetId = ctx.resolveDtmi(v);
    if (targetId === undefined) {
      state.errors.add("badDtmiOrTerm", {
        primaryId: element.id,
        property: name,
        value: v,
        restriction: String(ctx.dtdlVersion),
      });
      return 0;
    }
    state.references.push({
      elementId: element.id,
      property: name,
      supplemental: false,
      targetId,
      refString: v,
      expectedKinds: ctx.index.concrete.get(cls) ?? NO_KINDS,
      expectedClass: cls,
      allowedVersions: rule.versions,
      requiredType: undefined,
      childOf: undefined,
      docIndex: state.docIndex,
    });
    addObject(element, name, dealias(targetId));
    return 1;
  }
  if (isJsonObject(v)) {
    const depth = state.pending.length;
    const ld = headerAt(depth, v);
    const site = siteAt(depth);
    site.parentId = element.id;
    site.definedIn = classRule(ctx.dtdlVersion, element.kind)?.partition ? element.id : element.definedIn;
    site.propName = name;
    site.dtmiSeg = rule.dtmiSegment;
    site.idRequired = rule.idRequired === true || isIdRequiredInline(ld, element.kind, name, ctx);
    site.typeRequired = rule.typeOptional !== true;
    site.allowedVersions = rule.versions;
    site.inferredType = rule.typeOptional ? cls : undefined;
    site.expectedClass = cls;
    const child = parseElement(state, ctx, ld, site);
    if (!child) return 0;
    addObject(element, name, child.id);
    return 1;
  }
  state.errors.add("refNotStringOrObject", { primaryId: element.id, property: name });
  return 0;
}

/** Whether a class requires an @id when placed in this property (e.g. complex schemas in `schemas`). */
function isIdRequiredInline(child: JsonElement, parentKind: string, property: string, ctx: ActiveContext): boolean {
  const types = child.types;
  if (types === undefined) return false;
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    if (t === null || t === undefined) continue;
    const kind = ctx.index.typeToClass.get(t);
    if (kind === undefined) continue;
    const when = classRule(ctx.dtdlVersion, kind)?.idRequiredWhen;
    if (when === undefined) continue;
    for (let j = 0; j < when.length; j++) {
      if (when[j]![0] === parentKind && when[j]![1] === property) return true;
    }
  }
  return false;
}

interface SupplementalPropertyEntry {
  readonly typeId: string;
  readonly rule: SupplementalPropertyRule;
}

const NO_SUPPLEMENTAL_PROPERTIES: ReadonlyMap<string, SupplementalPropertyEntry> = new Map();
const supplementalPropertiesCache = new Map<string, ReadonlyMap<string, SupplementalPropertyEntry>>();

/** Extension properties an element's named extension types allow (same types, same table). */
function supplementalPropertiesOf(typeIds: readonly string[]): ReadonlyMap<string, SupplementalPropertyEntry> {
  if (typeIds.length === 0) return NO_SUPPLEMENTAL_PROPERTIES;
  const key = typeIds.join("\u0000");
  let out = supplementalPropertiesCache.get(key) as Map<string, SupplementalPropertyEntry> | undefined;
  if (out !== undefined) return out;
  out = new Map<string, SupplementalPropertyEntry>();
  for (const typeId of typeIds) {
    for (const lineageId of supplementalLineage(typeId)) {
      for (const [iri, rule] of Object.entries(supplementalType(lineageId)?.props ?? {})) {
        if (!out.has(iri)) out.set(iri, { typeId, rule });
      }
    }
  }
  if (supplementalPropertiesCache.size < 4096) supplementalPropertiesCache.set(key, out);
  return out;
}

const LITERAL_TYPE_NAMES = new Set(["string", "integer", "boolean", "duration", "decimal", "double", "float", "IRI"]);

function supplementalIsObject(rule: SupplementalPropertyRule): boolean {
  return !LITERAL_TYPE_NAMES.has(rule.typeName ?? "");
}

function parseSupplementalProperty(
  state: ParseState,
  ctx: ActiveContext,
  element: ParsedElement,
  iri: string,
  entry: SupplementalPropertyEntry,
  value: unknown,
): void {
  const rule = entry.rule;
  const plural = rule.plural === true;
  const optional = rule.optional === true;
  if (!supplementalIsObject(rule)) {
    const t = target(ctx, state.errors, element.id, rule.name);
    const values = literalValuesOf(value);
    switch (rule.typeName) {
      case "string": {
        const r = parseStrings(t, values, plural, optional, rule.maxLength, regex(rule.pattern));
        if (r) setSupplemental(element, iri, plural ? r : r[0]);
        return;
      }
      case "integer": {
        const r = parseIntegers(t, values, plural, optional, rule.minInclusive, rule.maxInclusive);
        if (r) setSupplemental(element, iri, plural ? r : r[0]);
        return;
      }
      case "boolean": {
        const r = parseBooleans(t, values, plural, optional);
        if (r) setSupplemental(element, iri, plural ? r : r[0]);
        return;
      }
      case "duration": {
        const r = parseDurations(t, values, plural, optional);
        if (r) setSupplemental(element, iri, plural ? r : r[0]);
        return;
      }
      case "decimal":
      case "double":
      case "float": {
        const r = parseNumerics(t, values, plural, optional, rule.minInclusive, rule.maxInclusive);
        if (r) setSupplemental(element, iri, plural ? r : r[0]);
        return;
      }
      default: {
        const r = parseIdentifiers(t, values, plural, optional, rule.maxLength, regex(rule.pattern), false);
        if (r) setSupplemental(element, iri, plural ? r : r[0]);
        return;
      }
    }
  }
  // Object-valued extension property (e.g. a unit): references or inline elements.
  const base = { primaryId: element.id, property: rule.name };
  const ids: string[] = [];
  for (const v of valuesOf(value)) {
    if (typeof v === "string") {
      const targetId = ctx.resolveDtmi(v);
      if (targetId === undefined) {
        state.errors.add("badDtmiOrTerm", { ...base, value: v, restriction: String(ctx.dtdlVersion) });
        continue;
      }
      ids.push(targetId);
      state.references.push({
        elementId: element.id,
        property: iri,
        supplemental: true,
        targetId,
        refString: v,
        expectedKinds: undefined,
        expectedClass: undefined,
        allowedVersions: undefined,
        requiredType: rule.type,
        childOf: rule.childOf,
        docIndex: state.docIndex,
      });
      continue;
    }
    if (isJsonObject(v)) {
      if (rule.childOf !== undefined) {
        // Values drawn from a fixed enumeration (e.g. units) can only be referenced.
        state.errors.add("refObjectNotAllowed", base);
        continue;
      }
      const depth = state.pending.length;
      const site = siteAt(depth);
      site.parentId = element.id;
      site.definedIn = classRule(ctx.dtdlVersion, element.kind)?.partition ? element.id : element.definedIn;
      site.propName = rule.name;
      site.dtmiSeg = rule.dictionaryKey;
      site.idRequired = rule.idRequired === true;
      site.typeRequired = rule.typeOptional !== true;
      site.allowedVersions = undefined;
      site.inferredType = undefined;
      site.expectedClass = undefined;
      const child = parseElement(state, ctx, headerAt(depth, v), site);
      if (child) ids.push(child.id);
      continue;
    }
    state.errors.add("refNotStringOrObject", base);
  }
  if (!plural && ids.length > 1) {
    state.errors.add("objectMultipleValues", base);
  } else if (rule.maxCount !== undefined && ids.length > rule.maxCount) {
    state.errors.add("objectCountAboveMax", { ...base, restriction: String(rule.maxCount) });
  }
  if (rule.minCount !== undefined && ids.length < rule.minCount) {
    state.errors.add("objectCountBelowMin", { ...base, restriction: String(rule.minCount) });
  }
  setSupplemental(element, iri, plural ? ids : ids[0]);
}

const TOP_LEVEL_SITE: ElementSite = {
  parentId: undefined,
  definedIn: undefined,
  propName: undefined,
  dtmiSeg: undefined,
  idRequired: true,
  typeRequired: true,
  allowedVersions: undefined,
  inferredType: undefined,
  expectedClass: undefined,
};

/** Parses a top-level JSON value (object) as a rootable element. */
export function parseTopLevel(state: ParseState, rootCtx: ActiveContext, raw: unknown): ParsedElement | undefined {
  const errors: ErrorCollector = state.errors;
  if (!isJsonObject(raw)) errors.quit("notJsonObject");
  const ld = headerAt(0, raw);
  const ctx = rootCtx.child(ld, errors);
  if (ld.hasGraph) errors.quit("topLevelGraphDisallowed");
  if (ld.id === undefined) errors.quit("missingTopLevelId");
  const rootable = ctx.index.rules.rootable;
  if (!isRootable(ld, ctx, rootable))
    errors.quit("typeNotRootable", { value: ld.id, restriction: rootable.join(", ") });
  if (ctx.restrictKeywords) {
    if (ld.language !== undefined) errors.quit("topLevelKeywordDisallowed", { value: "@language" });
    if (ld.hasValue) errors.quit("topLevelKeywordDisallowed", { value: "@value" });
    for (const k of ld.keywords) errors.quit("topLevelKeywordDisallowed", { value: k });
  }
  return parseElementIn(state, ctx, ld, TOP_LEVEL_SITE);
}

function isRootable(ld: JsonElement, ctx: ActiveContext, rootable: readonly string[]): boolean {
  const types = ld.types;
  if (types === undefined) return false;
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    if (t !== null && t !== undefined && rootable.includes(ctx.index.typeToClass.get(t) ?? "")) return true;
  }
  return false;
}

/** A top-level standard element (written in DTDL in the metamodel), parsed like a model's. */
export function parseStandardTopLevel(
  state: ParseState,
  rootCtx: ActiveContext,
  raw: Readonly<Record<string, unknown>>,
): void {
  parseElement(state, rootCtx, new JsonElement(raw), TOP_LEVEL_SITE);
}
