import { setObjects } from "./parsedElement.js";
import { classRule, isKindOf, isReservedIdentifier, termOrIri } from "./rules.js";
import { addStandardElement, dealias } from "./standardElements.js";
/**
 * Finds references whose target is neither in the model nor a standard element. References written
 * as bare terms that resolve to nothing, and undefined reserved identifiers, are errors; the other
 * missing DTMIs are returned for the resolver.
 */
export function findUndefinedReferences(elements, references, errors) {
    const missing = new Map();
    for (const ref of references) {
        const target = dealias(ref.targetId);
        if (elements.has(target))
            continue;
        if (addStandardElement(elements, target))
            continue;
        const property = ref.supplemental ? termOrIri(ref.property) : ref.property;
        if (ref.refString !== undefined && !ref.refString.startsWith("dtmi:")) {
            errors.add("badType", {
                primaryId: ref.elementId,
                property,
                secondaryId: target,
                restriction: ref.expectedClass,
                documentIndex: ref.docIndex,
            });
        }
        else if (isReservedIdentifier(target)) {
            errors.add("undefinedReservedId", {
                primaryId: ref.elementId,
                property,
                secondaryId: target,
                documentIndex: ref.docIndex,
            });
        }
        else {
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
export function partitionOf(el) {
    return el.definedIn ?? el.id;
}
/**
 * Attaches every reference to its element, checking the referenced element's type, DTDL version and
 * partition.
 */
export function linkReferences(elements, references, errors) {
    const linked = new Map();
    for (const ref of references) {
        const source = elements.get(ref.elementId);
        const targetId = dealias(ref.targetId);
        const target = elements.get(targetId);
        if (!source || !target)
            continue;
        const property = ref.supplemental ? termOrIri(ref.property) : ref.property;
        const base = { primaryId: ref.elementId, property, secondaryId: targetId, documentIndex: ref.docIndex };
        if (ref.refString !== undefined && !ref.supplemental) {
            if (ref.expectedKinds && !ref.expectedKinds.has(target.kind)) {
                errors.add("badType", { ...base, restriction: ref.expectedClass });
                continue;
            }
            if (ref.allowedVersions && !target.isStandard && !ref.allowedVersions.includes(target.version)) {
                errors.add("disallowedVersionReference", {
                    ...base,
                    value: String(target.version),
                    restriction: ref.allowedVersions.join(", "),
                });
                continue;
            }
            if (!target.isStandard && !isPartitionRoot(target) && partitionOf(target) !== partitionOf(source)) {
                errors.add("crossPartitionReference", {
                    ...base,
                    value: partitionOf(target),
                    restriction: partitionOf(source),
                });
                continue;
            }
        }
        if (ref.supplemental && ref.refString !== undefined) {
            if (ref.requiredType !== undefined && !hasType(target, ref.requiredType)) {
                // A material class requirement (e.g. EnumValue) is a type mismatch; an extension type one
                // (e.g. a v2 unit type) is a missing required co-type.
                const code = ref.requiredType.startsWith("dtmi:dtdl:class:") ? "badType" : "notRequiredType";
                errors.add(code, { ...base, property: ref.property, restriction: termOrIri(ref.requiredType) });
                continue;
            }
            if (ref.childOf !== undefined && target.parentId !== ref.childOf) {
                errors.add("wrongParent", { ...base, restriction: termOrIri(ref.childOf) });
                continue;
            }
        }
        if (!ref.supplemental) {
            let list = source.objects.get(ref.property);
            if (!list) {
                list = [];
                setObjects(source, ref.property, list);
            }
            if (list.length < 16) {
                if (!list.includes(targetId))
                    list.push(targetId);
            }
            else {
                // Long value lists (e.g. big `contents`) get a set for de-duplication.
                let seen = linked.get(list);
                if (!seen) {
                    seen = new Set(list);
                    linked.set(list, seen);
                }
                if (!seen.has(targetId)) {
                    seen.add(targetId);
                    list.push(targetId);
                }
            }
        }
    }
}
function isPartitionRoot(el) {
    return classRule(el.version, el.kind)?.partition === true;
}
/** Whether an element has a given type: a material class DTMI or a supplemental type. */
export function hasType(el, typeId) {
    if (el.supplementalTypes.includes(typeId))
        return true;
    const m = /^dtmi:dtdl:class:([A-Za-z]+);(\d+)$/.exec(typeId);
    if (m)
        return isKindOf(el.version, el.kind, m[1]);
    return false;
}
//# sourceMappingURL=linkElements.js.map