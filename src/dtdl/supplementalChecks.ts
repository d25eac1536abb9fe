import type { ErrorCollector } from "./errors.js";
import { hasType } from "./linkElements.js";
import type { SiblingRule, SupplementalConstraint } from "./metamodelTypes.js";
import type { ParsedElement } from "./parsedElement.js";
import { classRule, supplementalLineage, supplementalType, termOrIri } from "./rules.js";
import { dealias } from "./standardElements.js";

type Elements = ReadonlyMap<string, ParsedElement>;

/** Constraints extension types place on the elements that carry them (and on their siblings). */
export function checkSupplementalConstraints(elements: Elements, errors: ErrorCollector): void {
  // Sibling rules only matter where some element has a type that has them (rare in models).
  let siblingRules = false;
  for (const el of elements.values()) {
    if (el.isStandard || el.supplementalTypes.length === 0) continue;
    if (el.supplementalTypes.some(hasSiblingRules)) siblingRules = true;
    for (const typeId of el.supplementalTypes) {
      for (const lineageId of supplementalLineage(typeId)) {
        for (const c of supplementalType(lineageId)?.constraints ?? []) checkConstraint(el, c, elements, errors);
      }
    }
  }
  if (!siblingRules) return;
  for (const el of elements.values()) {
    if (el.isStandard || el.kind !== "Interface") continue;
    checkSiblings(el, elements, errors);
  }
}

function values(el: ParsedElement, property: string): readonly string[] {
  return el.objects.get(property) ?? [];
}

function checkConstraint(
  el: ParsedElement,
  c: SupplementalConstraint,
  elements: Elements,
  errors: ErrorCollector,
): void {
  const requiredTypes = c.requiredTypes as readonly string[] | undefined;
  const requiredValues = c.requiredValues as readonly string[] | undefined;
  if (c.inverse === true) {
    const parent = el.parentId === undefined ? undefined : elements.get(el.parentId);
    if (!parent || el.propName !== c.property || (requiredTypes && !requiredTypes.some((t) => hasType(parent, t)))) {
      errors.add("parentMissingCotype", {
        primaryId: el.id,
        property: c.property,
        type: el.supplementalTypes.map(termOrIri).join(", "),
        restriction: String(c.requiredTypesString ?? ""),
        documentIndex: el.docIndex,
      });
      return;
    }
    const siblings = values(parent, c.property)
      .map((id) => elements.get(id))
      .filter((s): s is ParsedElement => s !== undefined && s.id !== el.id);
    const noneOther = c.noneOtherType as string | undefined;
    if (noneOther !== undefined) {
      const dup = siblings.find((s) => hasType(s, noneOther));
      // Reported once per pair, from the element whose identifier sorts first.
      if (dup && el.id < dup.id) {
        errors.add("siblingDuplicatesCotype", {
          primaryId: el.id,
          secondaryId: dup.id,
          property: c.property,
          type: termOrIri(noneOther),
          documentIndex: el.docIndex,
        });
      }
    }
    const someOther = c.someOtherType as string | undefined;
    if (someOther !== undefined && !siblings.some((s) => hasType(s, someOther))) {
      errors.add("siblingMissingCotype", {
        primaryId: el.id,
        property: c.property,
        restriction: termOrIri(someOther),
        documentIndex: el.docIndex,
      });
    }
    return;
  }
  if (c.siblingParentOf !== undefined) return; // checked with the siblings
  for (const id of values(el, c.property)) {
    const target = elements.get(id);
    if (!target) continue;
    if (requiredTypes && !requiredTypes.some((t) => hasType(target, t))) {
      errors.add("notRequiredType", {
        primaryId: el.id,
        property: c.property,
        secondaryId: id,
        type: String(c.requiredTypesString ?? ""),
        documentIndex: el.docIndex,
      });
    }
    if (requiredValues && !requiredValues.some((v) => dealias(v) === id)) {
      errors.add("notRequiredValue", {
        primaryId: el.id,
        property: c.property,
        secondaryId: id,
        restriction: String(c.requiredValuesString ?? ""),
        documentIndex: el.docIndex,
      });
    }
  }
}

/** Value of an element's key property (e.g. `name`) or extension property (by IRI). */
function keyValue(el: ParsedElement, keyOrIri: string): unknown {
  if (keyOrIri.includes(":")) return el.supplemental.get(keyOrIri);
  return el.literals.get(keyOrIri);
}

/**
 * Sibling rules (ValueAnnotation, Override) apply within an Interface's full contents, inherited
 * contents included: an annotation names the sibling it annotates.
 */
/** Extension types that relate an element to its siblings (annotations, overrides). */
const siblingTypes = new Map<string, boolean>();

function hasSiblingRules(typeId: string): boolean {
  let known = siblingTypes.get(typeId);
  if (known === undefined) {
    const st = supplementalType(typeId);
    known = (st?.siblings?.length ?? 0) > 0 || (st?.constraints ?? []).some((c) => c.siblingParentOf !== undefined);
    siblingTypes.set(typeId, known);
  }
  return known;
}

function checkSiblings(iface: ParsedElement, elements: Elements, errors: ErrorCollector): void {
  const contentIds = values(iface, "contents");
  let relevant = false;
  for (const id of contentIds) {
    const el = elements.get(id);
    if (el && el.supplementalTypes.length > 0 && el.supplementalTypes.some(hasSiblingRules)) {
      relevant = true;
      break;
    }
  }
  if (!relevant) return;
  const contents = contentIds.map((id) => elements.get(id)).filter((e): e is ParsedElement => e !== undefined);
  const byName = new Map<string, ParsedElement>();
  for (const c of contents) {
    const name = c.literals.get("name");
    if (typeof name === "string" && !byName.has(name)) byName.set(name, c);
  }
  const references = new Map<string, { iri: string; element: ParsedElement }[]>();
  for (const el of contents) {
    for (const typeId of el.supplementalTypes) {
      const st = supplementalType(typeId);
      for (const rule of st?.siblings ?? []) {
        const ref = keyValue(el, rule.keyref);
        if (typeof ref !== "string") continue;
        const sibling = findSibling(byName, rule, ref);
        if (!sibling) continue;
        checkSiblingRule(el, sibling, rule, ref, references, errors);
      }
      for (const c of st?.constraints ?? []) {
        if (c.siblingParentOf === undefined || c.siblingKeyref === undefined) continue;
        const ref = keyValue(el, c.siblingKeyref);
        if (typeof ref !== "string") continue;
        const sibling = byName.get(ref);
        if (!sibling) continue;
        checkOverrideSchema(el, sibling, c, elements, errors);
      }
    }
  }
  for (const [key, list] of references) {
    if (list.length < 2) continue;
    const [sibling, property] = key.split("\u0000");
    errors.add("multipleReference", {
      primaryId: iface.id,
      property: "contents",
      secondaryId: list[0]!.iri,
      value: `'${sibling}' and '${property}'`,
      documentIndex: iface.docIndex,
    });
  }
}

function findSibling(
  byName: ReadonlyMap<string, ParsedElement>,
  rule: SiblingRule,
  ref: string,
): ParsedElement | undefined {
  return rule.key === "name" ? byName.get(ref) : undefined;
}

function checkSiblingRule(
  el: ParsedElement,
  sibling: ParsedElement,
  rule: SiblingRule,
  ref: string,
  references: Map<string, { iri: string; element: ParsedElement }[]>,
  errors: ErrorCollector,
): void {
  const base = {
    primaryId: el.id,
    secondaryId: sibling.id,
    property: termOrIri(rule.keyref),
    value: ref,
    documentIndex: el.docIndex,
  };
  if (rule.requiredTypes && !rule.requiredTypes.some((t) => hasType(sibling, t))) {
    errors.add("notSiblingRequiredType", { ...base, type: rule.requiredTypesString });
  }
  if (rule.disallowedType !== undefined && hasType(sibling, rule.disallowedType)) {
    errors.add("disallowedType", { ...base, type: rule.disallowedTypeName });
  }
  if (rule.supplementalProperty !== undefined) {
    const overridden = el.supplemental.get(rule.supplementalProperty);
    if (typeof overridden === "string") {
      const cls = classRule(sibling.version, sibling.kind);
      const materialName = /^dtmi:dtdl:property:([A-Za-z]+);\d+$/.exec(overridden)?.[1];
      if (materialName !== undefined && cls !== undefined && Object.hasOwn(cls.props, materialName)) {
        errors.add("matchingPropertyNotSupplemental", { ...base, restriction: materialName });
      } else if (!sibling.supplemental.has(overridden)) {
        errors.add("noMatchingSupplementalProperty", { ...base, restriction: termOrIri(overridden) });
      }
    }
  }
  if (rule.uniqueReference !== undefined) {
    const target = el.supplemental.get(rule.uniqueReference);
    if (typeof target === "string") {
      const key = `${ref}\u0000${termOrIri(target)}`;
      let list = references.get(key);
      if (!list) {
        list = [];
        references.set(key, list);
      }
      if (!list.some((x) => x.element.id === el.id)) list.push({ iri: rule.uniqueReference, element: el });
    }
  }
}

/** An Override's schema must be the enumeration the overridden value belongs to (e.g. the unit's unit type). */
function checkOverrideSchema(
  el: ParsedElement,
  sibling: ParsedElement,
  c: { readonly property: string; readonly siblingParentOf?: string },
  elements: Elements,
  errors: ErrorCollector,
): void {
  const overridden = el.supplemental.get(c.siblingParentOf!);
  if (typeof overridden !== "string") return;
  const siblingValue = sibling.supplemental.get(overridden);
  if (typeof siblingValue !== "string") return;
  const valueElement = elements.get(siblingValue);
  const expectedParent = valueElement?.parentId;
  const actual = values(el, c.property)[0];
  if (actual === undefined || expectedParent === undefined) return;
  if (actual !== expectedParent) {
    errors.add("siblingPropertyMismatch", {
      primaryId: el.id,
      property: c.property,
      value: termOrIri(actual),
      restriction: termOrIri(expectedParent),
      documentIndex: el.docIndex,
    });
  }
}
