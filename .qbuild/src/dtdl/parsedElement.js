/** Shared empty map for elements without extension or undefined properties (most of them). */
export const NO_PROPERTIES = new Map();
/** Sets an extension property, giving the element its own map on first use. */
export function setSupplemental(el, iri, value) {
    if (el.supplemental === NO_PROPERTIES)
        el.supplemental = new Map();
    el.supplemental.set(iri, value);
}
/** Records an undefined property, giving the element its own map on first use. */
export function setUndefinedProperty(el, name, value) {
    if (el.undefinedProps === NO_PROPERTIES)
        el.undefinedProps = new Map();
    el.undefinedProps.set(name, value);
}
/** Shared empty map for elements without object properties. */
export const NO_OBJECTS = new Map();
/** Sets a material object property's values, giving the element its own map on first use. */
export function setObjects(el, property, ids) {
    if (el.objects === NO_OBJECTS)
        el.objects = new Map();
    el.objects.set(property, ids);
}
//# sourceMappingURL=parsedElement.js.map