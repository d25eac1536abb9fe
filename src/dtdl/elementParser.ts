import type { ActiveContext } from "./context.js";
import { childId, parseDtmi } from "./dtmi.js";
import type { ErrorCollector } from "./errors.js";
import { isJsonObject, type LdElement, type LdProperty, type LdValue, toLdElement } from "./jsonLd.js";
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
  NO_OBJECTS,
  NO_PROPERTIES,
  type ObjectReference,
  type ParsedElement,
  setSupplemental,
  setUndefinedProperty,
} from "./parsedElement.js";
import { classRule, supplementalLineage, supplementalType, termOrIri, versionIndex } from "./rules.js";

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
  readonly references: ObjectReference[];
  readonly errors: ErrorCollector;
  readonly docIndex: number | undefined;
  readonly allowReservedIds: boolean;
  readonly isStandard: boolean;
  /** Ids of the elements whose definitions are being parsed (ancestors of the current one). */
  readonly pending: Set<string>;
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
  ld: LdElement,
  site: ElementSite,
): ParsedElement | undefined {
  const errors: ErrorCollector = state.errors;
  const ctx = parentCtx.child(ld, errors);
  const siteErr = { primaryId: site.parentId, property: site.propName };

  if (ld.propertyCount === 1 && ld.id !== undefined) {
    errors.add("idReference", { ...siteErr, value: ld.id });
    return undefined;
  }
  if (ld.hasGraph) errors.add("graphDisallowed", siteErr);
  if (ctx.restrictKeywords) {
    if (ld.language !== undefined) errors.add("keywordDisallowed", { ...siteErr, value: "@language" });
    if (ld.value !== undefined) errors.add("keywordDisallowed", { ...siteErr, value: "@value" });
    for (const k of ld.keywords) errors.add("keywordDisallowed", { ...siteErr, value: k });
  }
  if (site.allowedVersions && !site.allowedVersions.includes(ctx.dtdlVersion)) {
    errors.add("disallowedVersionDefinition", {
      ...siteErr,
      value: String(ctx.dtdlVersion),
      restriction: site.allowedVersions.join(", "),
    });
  }

  const id = parseIdProperty(state, ctx, ld, site);

  const existing = state.elements.get(id) ?? (state.pending.has(id) ? id : undefined);
  if (existing) {
    if (!parseDtmi(id)?.isReserved) {
      errors.add("duplicateDefinition", { primaryId: id });
    } else if (site.dtmiSeg !== undefined) {
      const segValue = segmentValue(ctx, ld, site.dtmiSeg);
      errors.add("nonUniquePropertyValue", { ...siteErr, value: segValue, restriction: site.dtmiSeg });
    }
    return undefined;
  }

  if (site.typeRequired && ld.types === undefined) {
    errors.add("badType", { ...siteErr, secondaryId: id, restriction: site.expectedClass });
    return undefined;
  }

  const typeStrings: readonly (string | null)[] = ld.types ?? (site.inferredType ? [site.inferredType] : []);
  const typed = parseTypes(state, ctx, id, site, typeStrings);
  if (!typed) return undefined;
  const { kind, supplementalTypes, undefinedTypes, namedTypes } = typed;

  if (site.expectedClass !== undefined) {
    const allowed = versionIndex(ctx.dtdlVersion).concrete.get(site.expectedClass);
    // Elemental classes (primitive schemas, command types) only have their standard instances.
    const elemental = !state.isStandard && (classRule(ctx.dtdlVersion, kind)?.elemental ?? []).includes(kind);
    if (!allowed?.has(kind) || elemental) {
      errors.add("badType", { ...siteErr, secondaryId: id, restriction: site.expectedClass });
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
    literals: new Map(),
    objects: NO_OBJECTS,
    supplemental: NO_PROPERTIES,
    undefinedProps: NO_PROPERTIES,
    raw: ld.raw,
    docIndex: state.docIndex,
    context: ctx,
    isStandard: state.isStandard,
  };
  state.pending.add(id);
  parseProperties(state, ctx, ld, element, ld.types !== undefined, namedTypes);
  state.pending.delete(id);
  // Registered after its children, so that the model lists descendants before ancestors (the order
  // in which later checks visit elements, and hence which element an error names).
  state.elements.set(id, element);
  return element;
}

function segmentValue(ctx: ActiveContext, ld: LdElement, dtmiSeg: string): string | undefined {
  const prop = findSegmentProperty(ld, dtmiSeg);
  if (!prop) return undefined;
  const lit = parseSingularLiteral({ ctx, errors: undefined, elementId: undefined, property: dtmiSeg }, prop.values);
  return lit === undefined ? undefined : String(lit.value);
}

function findSegmentProperty(ld: LdElement, dtmiSeg: string): LdProperty | undefined {
  return ld.properties.find(
    (p) => p.name === dtmiSeg || (p.name.startsWith("dtmi:dtdl:property:") && termOrIri(p.name) === dtmiSeg),
  );
}

function parseIdProperty(state: ParseState, ctx: ActiveContext, ld: LdElement, site: ElementSite): string {
  const errors: ErrorCollector = state.errors;
  if (ld.id !== undefined) {
    if (ld.id === "") errors.quit("idNotString");
    const def = ctx.index.rules.identifierDefinition;
    const maxLength = limit(def.maxLength, ctx.limitSpecifier);
    if (maxLength !== undefined && ld.id.length > maxLength) {
      errors.quit("idTooLong", { value: ld.id, restriction: String(maxLength) });
    }
    if (!ctx.index.identifierDefinition.test(ld.id)) {
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
    const segProp = findSegmentProperty(ld, site.dtmiSeg);
    if (!segProp) {
      errors.quit("missingDtmiSegPropertyValue", {
        primaryId: site.parentId,
        property: site.propName,
        value: site.dtmiSeg,
      });
    }
    const lit = parseSingularLiteral(
      { ctx, errors: undefined, elementId: undefined, property: site.dtmiSeg },
      segProp.values,
    );
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

function parseTypes(
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

  for (const typeString of typeStrings) {
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
  ld: LdElement,
  element: ParsedElement,
  typed: boolean,
  namedTypes: readonly string[],
): void {
  const errors: ErrorCollector = state.errors;
  const index = ctx.index;
  const classProps = index.classProperties.get(element.kind)!;
  const seen = new Map<string, string>();
  const seenSupplemental = new Set<string>();
  const suppProps = supplementalPropertiesOf(namedTypes);

  for (const prop of ld.properties) {
    const material = classProps.get(prop.name);
    if (material && !material.rule.disallowed) {
      if (seen.has(material.name)) {
        errors.add("duplicatePropertyName", { primaryId: element.id, property: material.name });
        continue;
      }
      seen.set(material.name, prop.name);
      parseMaterialProperty(state, ctx, element, material.name, material.rule, prop);
      continue;
    }
    const iri = ctx.resolveUri(prop.name);
    if (iri !== undefined) {
      const supp = suppProps.get(iri);
      if (supp) {
        if (seenSupplemental.has(iri)) {
          errors.add("duplicatePropertyName", { primaryId: element.id, property: prop.name });
          continue;
        }
        seenSupplemental.add(iri);
        parseSupplementalProperty(state, ctx, element, iri, supp, prop);
        continue;
      }
    }
    if (!checkUndefinedProperty(state, ctx, element, prop, iri)) continue;
    if (element.undefinedTypes.length === 0) {
      if (typed) errors.add("noTypeThatAllows", { primaryId: element.id, property: prop.name });
      else errors.add("inferredTypeDoesNotAllow", { primaryId: element.id, property: prop.name, type: element.kind });
      continue;
    }
    setUndefinedProperty(element, prop.name, prop.raw);
  }

  for (const { name, rule } of requiredProperties(element.version, element.kind)) {
    if (seen.has(name)) continue;
    if (rule.literal || rule.class === undefined) {
      errors.add(rule.class === undefined && !rule.literal ? "missingIdentifierProperty" : "missingLiteralProperty", {
        primaryId: element.id,
        property: name,
      });
    } else {
      errors.add("missingObjectProperty", { primaryId: element.id, property: name });
    }
  }
  for (const [iri, supp] of suppProps) {
    if (seenSupplemental.has(iri)) continue;
    if (supp.rule.optional && (supp.rule.minCount ?? 0) < 1) continue;
    const code = supplementalIsObject(supp.rule)
      ? "missingSupplementalObjectProperty"
      : supp.rule.typeName === "IRI"
        ? "missingSupplementalIdentifierProperty"
        : "missingSupplementalLiteralProperty";
    errors.add(code, { primaryId: element.id, property: supp.rule.name, type: termOrIri(supp.typeId) });
  }
}

const requiredCache = new Map<string, readonly { readonly name: string; readonly rule: PropertyRule }[]>();

/** Properties an element of a class must have. */
function requiredProperties(
  version: number,
  kind: string,
): readonly { readonly name: string; readonly rule: PropertyRule }[] {
  const key = `${version}:${kind}`;
  let list = requiredCache.get(key);
  if (!list) {
    list = Object.entries(classRule(version, kind)?.props ?? {})
      .filter(([, rule]) => !rule.disallowed && (!rule.optional || (rule.minCount ?? 0) >= 1))
      .map(([name, rule]) => ({ name, rule }));
    requiredCache.set(key, list);
  }
  return list;
}

/** Applies the language's tolerance of unknown property names; true when the property may stand. */
function checkUndefinedProperty(
  state: ParseState,
  ctx: ActiveContext,
  element: ParsedElement,
  prop: LdProperty,
  iri: string | undefined,
): boolean {
  const apocrypha = ctx.index.rules.apocrypha;
  const errors: ErrorCollector = state.errors;
  const base = { primaryId: element.id, property: prop.name };
  if (iri === undefined || (prop.name.startsWith("dtmi:") && parseDtmi(prop.name) === undefined)) {
    if (prop.name.startsWith("dtmi:")) {
      if (apocrypha.invalidDtmiAsProperty !== "valid") {
        errors.add("propertyInvalidDtmi", base);
        return false;
      }
    } else if (prop.name.includes(":")) {
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
  if (!iri.startsWith("dtmi:") && prop.name.includes(":")) {
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
  prop: LdProperty,
): void {
  const t: LiteralTarget = { ctx, errors: state.errors, elementId: element.id, property: name };
  const values = prop.values;
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
            prop.plural,
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
  if (rule.class === undefined) {
    // Identifier-valued property, e.g. Relationship.target.
    const r = parseIdentifiers(t, values, plural, optional, limit(rule.maxLength, spec), regex(rule.pattern), true);
    if (r) element.literals.set(name, plural ? r : r[0]);
    return;
  }
  parseObjectProperty(state, ctx, element, name, rule, prop);
}

function parseObjectProperty(
  state: ParseState,
  ctx: ActiveContext,
  element: ParsedElement,
  name: string,
  rule: PropertyRule,
  prop: LdProperty,
): void {
  const errors: ErrorCollector = state.errors;
  const base = { primaryId: element.id, property: name };
  const values = prop.values;
  const index = ctx.index;
  const cls = rule.class!;
  const concrete = index.concrete.get(cls) ?? new Set<string>();
  const childDefinedIn = classRule(ctx.dtdlVersion, element.kind)?.partition ? element.id : element.definedIn;
  const idRequiredByClass = (kind: string) =>
    (classRule(ctx.dtdlVersion, kind)?.idRequiredWhen ?? []).some(([c, p]) => c === element.kind && p === name);
  let valid = 0;
  for (const v of values) {
    if (v.kind === "string") {
      const target = ctx.resolveDtmi(v.value);
      if (target === undefined) {
        errors.add("badDtmiOrTerm", { ...base, value: v.value, restriction: String(ctx.dtdlVersion) });
        continue;
      }
      state.references.push({
        elementId: element.id,
        property: name,
        supplemental: false,
        targetId: target,
        refString: v.value,
        expectedKinds: concrete,
        expectedClass: cls,
        allowedVersions: rule.versions,
        docIndex: state.docIndex,
      });
      valid++;
      continue;
    }
    if (v.kind === "element") {
      const child = parseElement(state, ctx, v.element, {
        parentId: element.id,
        definedIn: childDefinedIn,
        propName: name,
        dtmiSeg: rule.dtmiSegment,
        idRequired: rule.idRequired === true || isIdRequiredInline(v.element, idRequiredByClass, ctx),
        typeRequired: rule.typeOptional !== true,
        allowedVersions: rule.versions,
        inferredType: rule.typeOptional ? cls : undefined,
        expectedClass: cls,
      });
      if (child) {
        state.references.push({
          elementId: element.id,
          property: name,
          supplemental: false,
          targetId: child.id,
          docIndex: state.docIndex,
        });
        valid++;
      }
      continue;
    }
    errors.add("refNotStringOrObject", base);
  }
  // Counts are of the values that parsed.
  if (!rule.plural && valid > 1) {
    errors.add("objectMultipleValues", base);
  } else if (rule.maxCount !== undefined && rule.plural && valid > rule.maxCount) {
    errors.add("objectCountAboveMax", { ...base, restriction: String(rule.maxCount) });
  }
  if (rule.minCount !== undefined && valid < rule.minCount) {
    errors.add("objectCountBelowMin", { ...base, restriction: String(rule.minCount) });
  }
}

/** Whether a class requires an @id when placed in this property (e.g. complex schemas in `schemas`). */
function isIdRequiredInline(child: LdElement, requiredFor: (kind: string) => boolean, ctx: ActiveContext): boolean {
  const types = child.types ?? [];
  for (const t of types) {
    if (t === null) continue;
    const kind = ctx.index.typeToClass.get(t);
    if (kind !== undefined && requiredFor(kind)) return true;
  }
  return false;
}

interface SupplementalPropertyEntry {
  readonly typeId: string;
  readonly rule: SupplementalPropertyRule;
}

const NO_SUPPLEMENTAL_PROPERTIES: ReadonlyMap<string, SupplementalPropertyEntry> = new Map();

function supplementalPropertiesOf(typeIds: readonly string[]): ReadonlyMap<string, SupplementalPropertyEntry> {
  if (typeIds.length === 0) return NO_SUPPLEMENTAL_PROPERTIES;
  const out = new Map<string, SupplementalPropertyEntry>();
  for (const typeId of typeIds) {
    for (const lineageId of supplementalLineage(typeId)) {
      for (const [iri, rule] of Object.entries(supplementalType(lineageId)?.props ?? {})) {
        if (!out.has(iri)) out.set(iri, { typeId, rule });
      }
    }
  }
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
  prop: LdProperty,
): void {
  const rule = entry.rule;
  const t: LiteralTarget = { ctx, errors: state.errors, elementId: element.id, property: rule.name };
  const plural = rule.plural === true;
  const optional = rule.optional === true;
  const values = prop.values;
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
    case "IRI": {
      const r = parseIdentifiers(t, values, plural, optional, rule.maxLength, regex(rule.pattern), false);
      if (r) setSupplemental(element, iri, plural ? r : r[0]);
      return;
    }
  }
  // Object-valued extension property (e.g. a unit): references or inline elements.
  const base = { primaryId: element.id, property: rule.name };
  const ids: string[] = [];
  for (const v of values) {
    if (v.kind === "string") {
      const target = ctx.resolveDtmi(v.value);
      if (target === undefined) {
        state.errors.add("badDtmiOrTerm", { ...base, value: v.value, restriction: String(ctx.dtdlVersion) });
        continue;
      }
      ids.push(target);
      state.references.push({
        elementId: element.id,
        property: iri,
        supplemental: true,
        targetId: target,
        refString: v.value,
        requiredType: rule.type,
        childOf: rule.childOf,
        docIndex: state.docIndex,
      });
      continue;
    }
    if (v.kind === "element") {
      if (rule.childOf !== undefined) {
        // Values drawn from a fixed enumeration (e.g. units) can only be referenced.
        state.errors.add("refObjectNotAllowed", base);
        continue;
      }
      const child = parseElement(state, ctx, v.element, {
        parentId: element.id,
        definedIn: classRule(ctx.dtdlVersion, element.kind)?.partition ? element.id : element.definedIn,
        propName: rule.name,
        dtmiSeg: rule.dictionaryKey,
        idRequired: rule.idRequired === true,
        typeRequired: rule.typeOptional !== true,
        allowedVersions: undefined,
        inferredType: undefined,
        expectedClass: undefined,
      });
      if (child) {
        ids.push(child.id);
        state.references.push({
          elementId: element.id,
          property: iri,
          supplemental: true,
          targetId: child.id,
          requiredType: rule.type,
          docIndex: state.docIndex,
        });
      }
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

/** Parses a top-level JSON value (object) as a rootable element. */
export function parseTopLevel(state: ParseState, rootCtx: ActiveContext, raw: unknown): void {
  const errors: ErrorCollector = state.errors;
  if (!isJsonObject(raw)) errors.quit("notJsonObject");
  const ld = toLdElement(raw);
  const ctx = rootCtx.child(ld, errors);
  if (ld.hasGraph) errors.quit("topLevelGraphDisallowed");
  if (ld.id === undefined) errors.quit("missingTopLevelId");
  const rootable = ctx.index.rules.rootable;
  const isRootable = (ld.types ?? []).some((t) => t !== null && rootable.includes(ctx.index.typeToClass.get(t) ?? ""));
  if (!isRootable) errors.quit("typeNotRootable", { value: ld.id, restriction: rootable.join(", ") });
  if (ctx.restrictKeywords) {
    if (ld.language !== undefined) errors.quit("topLevelKeywordDisallowed", { value: "@language" });
    if (ld.value !== undefined) errors.quit("topLevelKeywordDisallowed", { value: "@value" });
    for (const k of ld.keywords) errors.quit("topLevelKeywordDisallowed", { value: k });
  }
  parseElement(state, rootCtx, ld, {
    parentId: undefined,
    definedIn: undefined,
    propName: undefined,
    dtmiSeg: undefined,
    idRequired: true,
    typeRequired: true,
    allowedVersions: undefined,
    inferredType: undefined,
    expectedClass: undefined,
  });
}

export type { LdValue };
