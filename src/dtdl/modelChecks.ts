import { dealias } from "./aliases.js";
import { conforms, DescendantChecks } from "./descendantControls.js";
import type { ErrorCollector } from "./errors.js";
import { type ImportedContents, importInheritedContents } from "./inheritedContents.js";
import type { Limit } from "./metamodelTypes.js";
import type { ParsedElement } from "./parsedElement.js";
import { classPlan, supplementalProperty, termOrIri, versionIndex } from "./rules.js";

type Elements = ReadonlyMap<string, ParsedElement>;

function limitOf(l: Limit | undefined, spec: string): number | undefined {
  if (l === undefined) return undefined;
  return l[spec] ?? l[""];
}

const NO_IDS: readonly string[] = Object.freeze([]);

/** Ids an element refers to through one material object property. */
function objectValues(el: ParsedElement, property: string): readonly string[] {
  return el.objects.get(property) ?? NO_IDS;
}

/** Checks that need the whole linked model: value restrictions, uniqueness, descendant controls. */
export function checkModel(elements: Elements, errors: ErrorCollector): ImportedContents {
  for (const el of elements.values()) {
    if (el.isStandard) continue;
    checkValueRestrictions(el, elements, errors);
    checkUniqueProperties(el, elements, errors);
    checkIdLength(el, errors);
    if (el.supplemental.size > 0) checkInstanceProperties(el, elements, errors);
  }
  checkUniqueSupplementalValues(elements, errors);
  const imported = importInheritedContents(elements, errors);
  const descendantChecks = new DescendantChecks(elements, errors, imported);
  for (const el of elements.values()) {
    if (el.isStandard) continue;
    descendantChecks.check(el);
  }
  return imported;
}

/** Extension properties marked unique (e.g. Mqtt `index`) must differ among siblings. */
function checkUniqueSupplementalValues(elements: Elements, errors: ErrorCollector): void {
  if (!hasUniqueSupplementalValues(elements)) return;
  for (const parent of elements.values()) {
    if (parent.isStandard) continue;
    for (const [property, ids] of parent.objects) {
      let seen: Map<string, string> | undefined;
      for (const id of ids) {
        const child = elements.get(id);
        if (!child || child.supplemental.size === 0 || child.isStandard) continue;
        for (const [iri, value] of child.supplemental) {
          if (supplementalProperty(iri)?.rule.uniqueValue !== true || value === undefined) continue;
          const key = `${iri}\u0000${String(value)}`;
          seen ??= new Map();
          if (seen.has(key)) {
            errors.add("nonUniquePropertyValue", {
              primaryId: parent.id,
              property,
              value: String(value),
              restriction: termOrIri(iri),
              documentIndex: parent.docIndex,
            });
          } else seen.set(key, id);
        }
      }
    }
  }
}

/** Whether any model element has an extension property whose values must be unique. */
function hasUniqueSupplementalValues(elements: Elements): boolean {
  for (const el of elements.values()) {
    if (el.supplemental.size === 0 || el.isStandard) continue;
    for (const iri of el.supplemental.keys()) {
      if (supplementalProperty(iri)?.rule.uniqueValue === true) return true;
    }
  }
  return false;
}

/** Extension values bound to the element's schema (e.g. a minimum) must be valid values of it. */
function checkInstanceProperties(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  for (const [iri, value] of el.supplemental) {
    const rule = supplementalProperty(iri)?.rule;
    const schemaProp = rule?.instanceProperty;
    if (typeof schemaProp !== "string" || value === undefined) continue;
    const schemaId = objectValues(el, schemaProp)[0];
    const schema = schemaId === undefined ? undefined : elements.get(schemaId);
    if (!schema) continue;
    if (!conforms(value, schema.kind)) {
      errors.add("nonConformantPropertyValue", {
        primaryId: el.id,
        property: rule!.name,
        value: String(value),
        type: schema.kind,
        documentIndex: el.docIndex,
      });
    }
  }
}

function checkIdLength(el: ParsedElement, errors: ErrorCollector): void {
  const max = limitOf(versionIndex(el.version).rules.interfaceIdMaxLength, el.context.limitSpecifier);
  if (el.kind === "Interface" && max !== undefined && el.id.length > max) {
    errors.add("idTooLongForType", {
      value: el.id,
      type: "Interface",
      restriction: String(max),
      documentIndex: el.docIndex,
    });
  }
}

/** Properties restricted to particular standard values (Enum.valueSchema, MapKey.schema, …). */
function checkValueRestrictions(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  for (const { name, rule } of classPlan(el.version, el.kind).valueRestricted) {
    for (const id of objectValues(el, name)) {
      const allowed = rule.valueUris!.some((u) => dealias(u) === id);
      if (!allowed) {
        const target = elements.get(id);
        errors.add("incorrectPropertyValue", {
          primaryId: el.id,
          property: name,
          value: target?.isStandard ? termOrIri(id) : id,
          restriction: (rule.values ?? []).join(" or "),
          documentIndex: el.docIndex,
        });
      }
    }
  }
}

/** Plural properties whose values must differ in some nested property (e.g. contents names). */
function checkUniqueProperties(el: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  for (const { name, rule } of classPlan(el.version, el.kind).uniqueProps) {
    const ids = objectValues(el, name);
    if (ids.length < 2) continue;
    for (const nested of rule.uniqueProperties!) {
      // Literal values compare by value and type (the number 1 and the string "1" differ); short
      // lists are compared pairwise rather than through a set.
      const seen = ids.length > 8 ? new Set<unknown>() : undefined;
      const before: unknown[] = ids.length > 8 ? NO_VALUES : [];
      for (const id of ids) {
        const v = elements.get(id)?.literals.get(nested);
        if (v === undefined) continue;
        const key = v;
        if (seen === undefined ? before.includes(key) : seen.has(key)) {
          errors.add("nonUniquePropertyValue", {
            primaryId: el.id,
            property: name,
            value: String(v),
            restriction: nested,
            documentIndex: el.docIndex,
          });
        } else if (seen === undefined) before.push(key);
        else seen.add(key);
      }
    }
  }
}

const NO_VALUES: unknown[] = [];
