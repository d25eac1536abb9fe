import { describeElement } from "./phrasing.js";
/** Thrown to abandon the parse at once, as the official parser does for some errors. */
export class QuitParsing extends Error {
    constructor() {
        super("DTDL parsing stopped");
    }
}
export const ERROR_PREFIX = "dtmi:dtdl:parsingError:";
/** Collects errors in the order found; `quit` records one and stops the parse. */
export class ErrorCollector {
    errors = [];
    /** Index of the document being read, stamped on errors that carry none. */
    documentIndex;
    seen = new Set();
    add(code, details = {}) {
        const documentIndex = details.documentIndex ?? this.documentIndex;
        // Several rules can find the same fault (e.g. two controls over one schema); report it once.
        const key = [code, details.primaryId, details.secondaryId, details.property, details.value, documentIndex].join("\u0000");
        if (this.seen.has(key))
            return;
        this.seen.add(key);
        this.errors.push({
            validationId: code.includes(":") ? code : ERROR_PREFIX + code,
            ...(details.primaryId !== undefined ? { primaryId: details.primaryId } : {}),
            ...(details.secondaryId !== undefined ? { secondaryId: details.secondaryId } : {}),
            ...(details.property !== undefined ? { property: details.property } : {}),
            ...(details.value !== undefined ? { value: details.value } : {}),
            message: errorMessage(code, details),
            ...(documentIndex !== undefined ? { documentIndex } : {}),
        });
    }
    quit(code, details = {}) {
        this.add(code, details);
        throw new QuitParsing();
    }
    get any() {
        return this.errors.length > 0;
    }
    throwIfAny() {
        if (this.errors.length > 0)
            throw new QuitParsing();
    }
}
const p = (d) => describeElement(d.primaryId, "possessive");
const n = (d) => describeElement(d.primaryId, "nominative");
const s = (d) => describeElement(d.secondaryId, "elective");
const prop = (d) => `'${d.property ?? ""}'`;
/** Our own wording for each validation id (meaning follows the official templates). */
const MESSAGES = {
    badDtmiOrTerm: (d) => `${p(d)} property ${prop(d)} value '${d.value}' is neither a DTMI nor a known DTDL term.`,
    badType: (d) => d.primaryId
        ? `${p(d)} property ${prop(d)} has a value${s(d)} of the wrong @type${d.restriction ? ` (expected ${d.restriction})` : ""}.`
        : `Element${s(d)} has no @type that is allowed here.`,
    booleanNotBoolean: (d) => `${p(d)} property ${prop(d)} must be a JSON boolean.`,
    crossPartitionReference: (d) => `${p(d)} property ${prop(d)} refers to ${d.secondaryId}, which is defined inside another interface (${d.value}) and cannot be referenced from here.`,
    duplicateDefinition: (d) => `${d.primaryId} is defined more than once.`,
    duplicatePropertyName: (d) => `${p(d)} property ${prop(d)} is given more than once.`,
    excessiveDepthNarrow: (d) => `${n(d)} starts a chain of ${d.property} that is deeper than ${d.restriction} levels.`,
    excessiveDepthWide: (d) => `${n(d)} starts a schema hierarchy deeper than ${d.restriction} levels (at${s(d)}).`,
    excessiveCount: (d) => `${n(d)} contains more ${d.property} elements than the maximum of ${d.restriction}.`,
    excludedType: (d) => `${n(d)} contains${s(d)}, of a type (${d.restriction}) that is not allowed there.`,
    idNotString: () => "An '@id' value is empty or not a string.",
    idReference: (d) => `${p(d)} property ${prop(d)} has an inline value with nothing but an '@id'; use the DTMI string instead.`,
    idTooLong: (d) => `Identifier '${d.value}' is longer than the limit of ${d.restriction} characters.`,
    idTooLongForType: (d) => `Identifier '${d.value}' is too long for a ${d.type}; the limit is ${d.restriction} characters.`,
    invalidId: (d) => `'${d.value}' is not a valid DTMI for DTDL v${d.restriction}.`,
    missingContext: () => "A top-level JSON object has no @context.",
    missingDtdlContext: () => "The @context does not start with a DTDL context such as 'dtmi:dtdl:context;3'.",
    missingLiteralProperty: (d) => `${n(d)} is missing required property ${prop(d)}.`,
    missingObjectProperty: (d) => `${n(d)} is missing required property ${prop(d)}.`,
    missingTopLevelId: () => "A top-level element has no '@id'.",
    noTypeThatAllows: (d) => `${n(d)} has no @type that allows property ${prop(d)}.`,
    nonUniquePropertyValue: (d) => `${p(d)} property ${prop(d)} has more than one value with the same ${d.restriction ?? "name"} '${d.value}'.`,
    notJsonObject: () => "A document must be a JSON object or an array of JSON objects.",
    objectCountAboveMax: (d) => `${p(d)} property ${prop(d)} has more values than the maximum of ${d.restriction}.`,
    objectCountBelowMin: (d) => `${p(d)} property ${prop(d)} has fewer values than the minimum of ${d.restriction}.`,
    objectMultipleValues: (d) => `${p(d)} property ${prop(d)} allows only one value.`,
    recursiveStructureNarrow: (d) => `${n(d)} refers to itself through ${d.property}.`,
    recursiveStructureWide: (d) => `${n(d)} contains itself.`,
    refNotStringOrObject: (d) => `${p(d)} property ${prop(d)} must be a DTMI, a DTDL term or an inline JSON object.`,
    reservedId: (d) => `Identifier '${d.value}' starts with a reserved prefix.`,
    stringInvalid: (d) => `${p(d)} property ${prop(d)} value '${d.value}' does not match the required pattern.`,
    stringNotString: (d) => `${p(d)} property ${prop(d)} must be a JSON string.`,
    stringTooLong: (d) => `${p(d)} property ${prop(d)} value '${d.value}' is longer than ${d.restriction} characters.`,
    langStringValueTooLong: (d) => `${p(d)} property ${prop(d)} value '${d.value}' is longer than ${d.restriction} characters.`,
    typeNotRootable: (d) => `Top-level element ${d.value ?? ""} must have @type Interface.`.replace("  ", " "),
    unresolvableContextSpecifier: (d) => `@context value '${d.value}' names an extension that is not known.`,
    "resolution:undefinedIdentifier": (d) => `${p(d)} property ${prop(d)} refers to ${d.secondaryId}, which is neither in the model nor supplied by the resolver.`,
};
export function errorMessage(code, details) {
    const key = code.startsWith(ERROR_PREFIX) ? code.slice(ERROR_PREFIX.length) : code;
    const phrase = MESSAGES[key];
    if (phrase)
        return phrase(details);
    return genericMessage(key, details);
}
function genericMessage(key, d) {
    const words = key.replace(/([A-Z])/g, " $1").toLowerCase();
    const parts = [];
    if (d.primaryId !== undefined)
        parts.push(describeElement(d.primaryId, "nominative"));
    if (d.property !== undefined)
        parts.push(`property '${d.property}'`);
    if (d.value !== undefined)
        parts.push(`value '${d.value}'`);
    if (d.secondaryId !== undefined)
        parts.push(`referring to ${d.secondaryId}`);
    if (d.restriction !== undefined)
        parts.push(`(expected ${d.restriction})`);
    return `DTDL rule violated: ${words}${parts.length > 0 ? ` -- ${parts.join(", ")}` : ""}.`;
}
//# sourceMappingURL=errors.js.map