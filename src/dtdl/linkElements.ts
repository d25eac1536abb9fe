import type { ErrorCollector } from "./errors.js";
import type { ObjectReference, ParsedElement } from "./parsedElement.js";
import { classRule, isKindOf, isReservedIdentifier, termOrIri } from "./rules.js";
import { addStandardElement, dealias } from "./standardElements.js";

/**
 * Finds references whose target is neither in the model nor a standard element. References written
 * as bare terms that resolve to nothing, and undefined reserved identifiers, are errors; the other
 * missing DTMIs are returned for the resolver.
 */
export function findUndefinedReferences(
  elements: Map<string, ParsedElement>,
  references: readonly ObjectReference[],
  errors: ErrorCollector,
): Map<string, ObjectReference[]> {
  const missing = new Map<string, ObjectReference[]>();
  for (const ref of references) {
    const target = dealias(ref.targetId);
    if (elements.has(target)) continue;
    if (addStandardElement(elements, target)) continue;
    const property = ref.supplemental ? termOrIri(ref.property) : ref.property;
    if (!ref.refString.startsWith("dtmi:")) {
      errors.add("badType", {
        primaryId: ref.elementId,
        property,
        secondaryId: target,
        restriction: ref.expectedClass,
        documentIndex: ref.docIndex,
      });
    } else if (isReservedIdentifier(target)) {
      errors.add("undefinedReservedId", {
        primaryId: ref.elementId,
        property,
        secondaryId: target,
        documentIndex: ref.docIndex,
      });
    } else {
      let list = missing.get(target);
      if (!list) {
        list = [];
        missing.set(target, list);
      }
      list.push(ref);
    }
  }
  return missing;
}

/** The partition (top-level Interface) an element belongs to. */
export function partitionOf(el: ParsedElement): string {
  return el.definedIn ?? el.id;
}

/**
 * Checks every reference written as a string: the referenced element's type, DTDL version and
 * partition. (Values were attached to their elements as they were parsed.)
 */
export function linkReferences(
  elements: ReadonlyMap<string, ParsedElement>,
  references: readonly ObjectReference[],
  errors: ErrorCollector,
): void {
  for (const ref of references) {
    const source = elements.get(ref.elementId);
    const targetId = dealias(ref.targetId);
    const target = elements.get(targetId);
    if (!source || !target) continue;
    if (!ref.supplemental) {
      if (ref.expectedKinds && !ref.expectedKinds.has(target.kind)) {
        errors.add("badType", { ...linkBase(ref, targetId), restriction: ref.expectedClass });
        continue;
      }
      if (ref.allowedVersions && !target.isStandard && !ref.allowedVersions.includes(target.version)) {
        errors.add("disallowedVersionReference", {
          ...linkBase(ref, targetId),
          value: String(target.version),
          restriction: ref.allowedVersions.join(", "),
        });
        continue;
      }
      if (!target.isStandard && !isPartitionRoot(target) && partitionOf(target) !== partitionOf(source)) {
        errors.add("crossPartitionReference", {
          ...linkBase(ref, targetId),
          value: partitionOf(target),
          restriction: partitionOf(source),
        });
      }
      continue;
    }
    if (ref.requiredType !== undefined && !hasType(target, ref.requiredType)) {
      // A material class requirement (e.g. EnumValue) is a type mismatch; an extension type one
      // (e.g. a v2 unit type) is a missing required co-type.
      const code = ref.requiredType.startsWith("dtmi:dtdl:class:") ? "badType" : "notRequiredType";
      errors.add(code, {
        ...linkBase(ref, targetId),
        property: ref.property,
        restriction: termOrIri(ref.requiredType),
      });
      continue;
    }
    if (ref.childOf !== undefined && target.parentId !== ref.childOf) {
      errors.add("wrongParent", { ...linkBase(ref, targetId), restriction: termOrIri(ref.childOf) });
    }
  }
}

function linkBase(ref: ObjectReference, targetId: string) {
  return {
    primaryId: ref.elementId,
    property: ref.supplemental ? termOrIri(ref.property) : ref.property,
    secondaryId: targetId,
    documentIndex: ref.docIndex,
  };
}

function isPartitionRoot(el: ParsedElement): boolean {
  return classRule(el.version, el.kind)?.partition === true;
}

/** Whether an element has a given type: a material class DTMI or a supplemental type. */
export function hasType(el: ParsedElement, typeId: string): boolean {
  if (el.supplementalTypes.includes(typeId)) return true;
  const m = /^dtmi:dtdl:class:([A-Za-z]+);(\d+)$/.exec(typeId);
  if (m) return isKindOf(el.version, el.kind, m[1]!);
  return false;
}
