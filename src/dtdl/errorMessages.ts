import { describeElement } from "./phrasing.js";

/** What an error message may mention. */
export interface MessageDetails {
  readonly primaryId?: string | undefined;
  readonly secondaryId?: string | undefined;
  readonly property?: string | undefined;
  readonly value?: string | undefined;
  readonly restriction?: string | undefined;
  readonly type?: string | undefined;
}

type Phrase = (d: MessageDetails) => string;

/** "X's property 'p'" (or the path of a generated id). */
const prop = (d: MessageDetails) => `${describeElement(d.primaryId, "possessive")} property '${d.property ?? ""}'`;
/** "X" as the subject of a sentence. */
const subject = (d: MessageDetails) => describeElement(d.primaryId, "nominative");
/** " Y" after a noun, or nothing for generated ids. */
const other = (d: MessageDetails) => describeElement(d.secondaryId, "elective");
const val = (d: MessageDetails) => `'${d.value ?? ""}'`;
const plural = (n: string | undefined, word: string) => `${n ?? "?"} ${word}${n === "1" ? "" : "s"}`;
/** "a Map", "an Array". */
const article = (word: string | undefined) => `${/^[AEIOU]/i.test(word ?? "") ? "an" : "a"} ${word ?? "element"}`;

const JSON_KIND: Readonly<Record<string, string>> = {
  string: "a JSON string",
  integer: "a JSON integer",
  numeric: "a JSON number",
  boolean: "a JSON boolean",
  duration: "an ISO 8601 duration string",
  literal: "a JSON string, number or boolean",
  identifier: "a DTMI string",
};
const XSD: Readonly<Record<string, string>> = {
  string: "xsd:string",
  integer: "xsd:integer",
  numeric: "xsd:decimal",
  boolean: "xsd:boolean",
  duration: "xsd:duration",
};

const MESSAGES: Record<string, Phrase> = {
  // Documents and contexts.
  notJsonObject: () => "A document must be a JSON object or an array of JSON objects.",
  notJsonValue: (d) => `The input is not plain JSON data${d.value ? ` (it contains ${d.value})` : ""}.`,
  excessiveJsonNesting: () => "The input is nested too deeply (or is cyclic) to be a DTDL model.",
  excessiveJsonSize: () => "The input is too large to process.",
  internalError: () => "The parser failed unexpectedly.",
  missingContext: () =>
    "A top-level element has no @context; it needs one naming a DTDL version, e.g. 'dtmi:dtdl:context;3'.",
  emptyContext: () => "A top-level element has an empty @context.",
  invalidContext: () => "An @context value must be a string, or an array of strings.",
  missingDtdlContext: () => "The @context does not begin with a DTDL context such as 'dtmi:dtdl:context;3'.",
  invalidContextSpecifier: (d) => `@context value ${val(d)} is not a valid DTMI.`,
  invalidContextSpecifierForVersion: (d) => `@context value ${val(d)} is not a valid DTMI in DTDL v${d.restriction}.`,
  nonDtmiContextSpecifier: (d) => `@context value ${val(d)} is not a DTMI.`,
  missingContextVersion: (d) => `@context value ${val(d)} has no version number.`,
  unrecognizedContextVersion: (d) =>
    `@context value ${val(d)} names a DTDL version this parser does not know (known: ${d.restriction}).`,
  disallowedContextVersion: (d) =>
    `@context value ${val(d)} names a DTDL version above the allowed maximum of ${d.restriction}.`,
  unresolvableContextSpecifier: (d) => `@context value ${val(d)} names an extension this parser does not know.`,
  unresolvableContextVersion: (d) =>
    `@context value ${val(d)} names a version of an extension this parser does not know (known: ${d.restriction}).`,
  dtdlContextFollowsAffiliate: (d) => `The DTDL context ${val(d)} must come before any extension context.`,
  localContextNotLast: () => "A local context definition block may only be the last @context entry.",
  disallowedLocalContext: (d) => `Local context definitions are not allowed in DTDL v${d.restriction}.`,
  termDefinitionNotStringOrObject: (d) =>
    `Local context term '${d.property}' must be defined by a string or an object.`,
  termDefinitionMissingIdProperty: (d) => `Local context term '${d.property}' is defined by an object without '@id'.`,
  termDefinitionIdPropertyNotString: (d) =>
    `Local context term '${d.property}' is defined with an '@id' that is not a string.`,
  invalidContextFragment: (d) => `@context value ${val(d)} has a fragment other than '#limitless' or '#limits'.`,
  disallowedContextFragment: (d) =>
    `@context value ${val(d)} has a fragment, which DTDL v${d.restriction} does not allow.`,
  misplacedLimitContext: (d) => `Limits context ${val(d)} must directly follow a '#limitless' DTDL context.`,
  missingLimitContext: (d) => `@context value ${val(d)} must be followed by a context giving the modelling limits.`,
  disallowedLimitContext: (d) => `Limits context ${val(d)} is not one this parser was told to accept.`,
  // Top-level structure and identifiers.
  topLevelGraphDisallowed: () => "A top-level element may not have '@graph'.",
  topLevelKeywordDisallowed: (d) => `A top-level element may not have '${d.value}'.`,
  missingTopLevelId: () => "A top-level element has no '@id'.",
  typeNotRootable: (d) => `Top-level element ${d.value ?? ""} must have @type ${d.restriction ?? "Interface"}.`,
  idNotString: () => "An '@id' value is empty or not a string.",
  idTooLong: (d) => `Identifier '${d.value}' is longer than the limit of ${d.restriction} characters.`,
  idTooLongForType: (d) =>
    `Identifier '${d.value}' is too long for ${article(d.type)}: the limit is ${d.restriction} characters.`,
  invalidId: (d) => `'${d.value}' is not a valid DTMI for DTDL v${d.restriction}.`,
  reservedId: (d) => `Identifier '${d.value}' starts with a reserved prefix (${d.restriction}).`,
  duplicateDefinition: (d) => `${d.primaryId} is defined more than once.`,
  missingRequiredId: (d) => `${prop(d)} has an inline value without '@id', which is required here.`,
  missingDtmiSegPropertyValue: (d) => `${prop(d)} has a value without '${d.value}', which it needs.`,
  dtmiSegPropertyNotStringOrNumber: (d) =>
    `${prop(d)} has a value whose '${d.value}' is neither a string nor a number.`,
  missingDictKeyPropertyValue: (d) => `${prop(d)} has a value${other(d)} without '${d.value}', which it needs.`,
  idReference: (d) => `${prop(d)} has an inline value holding only '@id'; write the DTMI string instead.`,
  graphDisallowed: (d) => `${prop(d)} has a value with '@graph', which is not allowed.`,
  keywordDisallowed: (d) => `${prop(d)} has a value with '${d.value}', which is not allowed.`,
  // Types.
  badType: (d) =>
    d.primaryId === undefined
      ? `Element${other(d)} has no @type that is allowed here.`
      : `${prop(d)} has a value${other(d)} that does not have @type ${d.restriction ?? "allowed here"}.`,
  multipleMaterialTypes: (d) => `${subject(d)} has more than one material @type: ${d.value}.`,
  typeInvalidDtmi: (d) => `${subject(d)} has @type ${val(d)}, which is not a valid DTMI.`,
  typeNotDtmiNorTerm: (d) => `${subject(d)} has @type ${val(d)}, which is neither a DTMI nor a term.`,
  typeUndefinedTerm: (d) => `${subject(d)} has @type ${val(d)}, which DTDL v${d.restriction} does not define.`,
  typeIrrelevantDtmiOrTerm: (d) => `${subject(d)} has @type ${val(d)}, which is not a type in DTDL v${d.restriction}.`,
  invalidCotype: (d) => `${subject(d)} has co-type ${d.value}, which only applies to ${d.restriction}.`,
  invalidCotypeVersion: (d) =>
    `${subject(d)} has co-type ${d.value}, which only applies to elements of DTDL v${d.restriction}.`,
  abstractSupplementalType: (d) => `${subject(d)} has @type ${d.value}, which is abstract.`,
  missingCocotype: (d) => `${subject(d)} has co-type ${d.type}, which also needs co-type ${d.restriction}.`,
  disallowedCocotype: (d) => `${subject(d)} has co-type ${d.type}, which may not be combined with ${d.restriction}.`,
  conflictingSupplementalTypes: (d) =>
    `${subject(d)} has co-types ${d.type} and ${d.restriction}, which both define '${d.property}'.`,
  // Properties.
  noTypeThatAllows: (d) => `${subject(d)} has no @type that allows property '${d.property}'.`,
  inferredTypeDoesNotAllow: (d) => `${subject(d)} (inferred @type ${d.type}) does not allow property '${d.property}'.`,
  propertyInvalidDtmi: (d) => `${prop(d)} is named by an invalid DTMI.`,
  propertyNotDtmiNorTerm: (d) => `${prop(d)} is named by an IRI that is not a DTMI.`,
  propertyUndefinedTerm: (d) => `${prop(d)} is not defined in DTDL v${d.restriction}.`,
  propertyIrrelevantDtmiOrTerm: (d) => `${prop(d)} does not belong to any @type of the element.`,
  duplicatePropertyName: (d) => `${prop(d)} is given more than once.`,
  propertyValueNull: (d) => `${prop(d)} is null.`,
  missingLiteralProperty: (d) => `${subject(d)} is missing required property '${d.property}'.`,
  missingObjectProperty: (d) => `${subject(d)} is missing required property '${d.property}'.`,
  missingIdentifierProperty: (d) => `${subject(d)} is missing required property '${d.property}'.`,
  missingSupplementalLiteralProperty: (d) =>
    `${subject(d)} has co-type ${d.type}, which requires property '${d.property}'.`,
  missingSupplementalObjectProperty: (d) =>
    `${subject(d)} has co-type ${d.type}, which requires property '${d.property}'.`,
  missingSupplementalIdentifierProperty: (d) =>
    `${subject(d)} has co-type ${d.type}, which requires property '${d.property}'.`,
  // Element-valued properties.
  refNotStringOrObject: (d) => `${prop(d)} must be a DTMI, a term or an inline JSON object.`,
  refObjectNotAllowed: (d) => `${prop(d)} must name its value (a term or DTMI), not define it inline.`,
  badDtmiOrTerm: (d) => `${prop(d)} value ${val(d)} is neither a DTMI nor a DTDL v${d.restriction} term.`,
  objectMultipleValues: (d) => `${prop(d)} allows only one value.`,
  objectCountAboveMax: (d) => `${prop(d)} has more values than the maximum of ${d.restriction}.`,
  objectCountBelowMin: (d) => `${prop(d)} has fewer valid values than the minimum of ${d.restriction}.`,
  disallowedVersionDefinition: (d) =>
    `${prop(d)} has a value defined in DTDL v${d.value}; only v${d.restriction} is allowed here.`,
  disallowedVersionReference: (d) =>
    `${prop(d)} refers to ${d.secondaryId}, defined in DTDL v${d.value}; only v${d.restriction} is allowed here.`,
  crossPartitionReference: (d) =>
    `${prop(d)} refers to ${d.secondaryId}, which is defined inside ${d.value} and cannot be referenced from another interface.`,
  undefinedReservedId: (d) => `${prop(d)} refers to ${d.secondaryId}, which has a reserved prefix but no definition.`,
  incorrectPropertyValue: (d) => `${prop(d)} is ${val(d)}, but it must be ${d.restriction}.`,
  notRequiredType: (d) => `${prop(d)} has a value${other(d)} that is not ${article(d.type)}.`,
  notRequiredValue: (d) => `${prop(d)} has a value${other(d)} that is not ${d.restriction}.`,
  wrongParent: (d) => `${prop(d)} has value ${d.secondaryId}, which is not one of the ${d.restriction} values.`,
  nonUniquePropertyValue: (d) =>
    `${prop(d)} has more than one value with ${d.restriction ?? "the same key"} '${d.value}'.`,
  nonUniqueImportedPropertyValue: (d) =>
    `${prop(d)} has two elements named '${d.value}' (own or inherited from ${d.secondaryId}).`,
  // Literal values.
  valueNotExact: (d) => `${prop(d)} is ${d.value}, but the only allowed value is ${d.restriction}.`,
  valueBelowMin: (d) => `${prop(d)} is ${d.value}, below the minimum of ${d.restriction}.`,
  valueAboveMax: (d) => `${prop(d)} is ${d.value}, above the maximum of ${d.restriction}.`,
  valueBelowRange: (d) => `${prop(d)} is ${d.value}, outside the allowed range ${d.restriction}.`,
  valueAboveRange: (d) => `${prop(d)} is ${d.value}, outside the allowed range ${d.restriction}.`,
  stringTooLong: (d) => `${prop(d)} value ${val(d)} is longer than ${plural(d.restriction, "character")}.`,
  stringInvalid: (d) => `${prop(d)} value ${val(d)} is not allowed (it must match ${d.restriction}).`,
  durationInvalid: (d) => `${prop(d)} value ${val(d)} is not an ISO 8601 duration.`,
  literalNotValid: (d) => `${prop(d)} must be a JSON string, number or boolean.`,
  literalTypeNotSingular: (d) => `${prop(d)} has a value object with more than one @type.`,
  identifierInvalid: (d) => `${prop(d)} value ${val(d)} is not allowed here.`,
  identifierTooLong: (d) => `${prop(d)} value ${val(d)} is longer than ${plural(d.restriction, "character")}.`,
  identifierNotDtmi: (d) => `${prop(d)} value ${val(d)} is neither a DTMI nor a known term.`,
  identifierNotUri: (d) => `${prop(d)} value ${val(d)} is neither a URI nor a known term.`,
  nonConformantDatatype: (d) =>
    `${prop(d)} is ${val(d)}, which is not a valid ${d.type} value as ${d.secondaryId} requires.`,
  nonConformantPropertyValue: (d) =>
    `${prop(d)} is ${d.value}, which is not a valid ${d.type} value for the element's schema.`,
  // Value objects and language strings.
  valueObjectContext: (d) => `${prop(d)} has a value object with '@context', which is not allowed.`,
  valueObjectId: (d) => `${prop(d)} has a value object with '@id', which is not allowed.`,
  valueObjectGraph: (d) => `${prop(d)} has a value object with '@graph', which is not allowed.`,
  valueObjectLanguage: (d) => `${prop(d)} has a value object with '@language', which is not allowed.`,
  valueObjectKeyword: (d) => `${prop(d)} has a value object with '${d.value}', which is not allowed.`,
  valueObjectInvalidProp: (d) => `${prop(d)} has a value object with member '${d.value}', which is not allowed.`,
  langStringValueTooLong: (d) => `${prop(d)} value ${val(d)} is longer than ${plural(d.restriction, "character")}.`,
  langStringValueInvalid: (d) => `${prop(d)} value ${val(d)} is not allowed.`,
  langStringValueNotString: (d) => `${prop(d)} has a non-string value for language '${d.value}'.`,
  langStringInvalidCode: (d) => `${prop(d)} has an invalid language code '${d.value}'.`,
  langStringCodeNotUnique: (d) => `${prop(d)} has more than one value for language '${d.value}'.`,
  langStringElementInvalidCode: (d) => `${prop(d)} has an invalid language code '${d.value}'.`,
  langStringElementCodeNotUnique: (d) => `${prop(d)} has more than one value for language '${d.value}'.`,
  langStringElementCodeNotString: (d) => `${prop(d)} has a '@language' that is not a string.`,
  langStringElementNotStringOrObject: (d) => `${prop(d)} must hold strings or language-tagged value objects.`,
  langStringElementNoValue: (d) => `${prop(d)} has a language-tagged value object without '@value'.`,
  langStringElementValueNotString: (d) => `${prop(d)} has a language-tagged value that is not a string.`,
  langStringElementInvalidProp: (d) => `${prop(d)} has a language-tagged value object with member '${d.value}'.`,
  langStringElementKeyword: (d) => `${prop(d)} has a language-tagged value object with '${d.value}'.`,
  langStringElementContext: (d) => `${prop(d)} has a language-tagged value object with '@context'.`,
  langStringElementId: (d) => `${prop(d)} has a language-tagged value object with '@id'.`,
  langStringElementGraph: (d) => `${prop(d)} has a language-tagged value object with '@graph'.`,
  langStringElementType: (d) => `${prop(d)} has a language-tagged value object with '@type'.`,
  langMapObjKeyword: (d) => `${prop(d)} is a language map, which may not contain '${d.value}'.`,
  langTagValueInLangMap: (d) =>
    `${prop(d)} looks like a language-tagged value object; outside an array, a language map is expected.`,
  // Structure of the whole model.
  excessiveDepthWide: (d) =>
    `${subject(d)} nests schemas deeper than ${d.restriction} levels (at${other(d) || " a nested schema"}).`,
  excessiveDepthNarrow: (d) => `${subject(d)} starts a chain of ${d.property} deeper than ${d.restriction} levels.`,
  excessiveCount: (d) =>
    `${subject(d)} holds ${d.value} elements through ${d.property}, more than the maximum of ${d.restriction}.`,
  recursiveStructureWide: (d) => `${subject(d)} contains itself.`,
  recursiveStructureNarrow: (d) => `${subject(d)} refers back to itself through ${d.property}.`,
  excludedType: (d) =>
    `${subject(d)} contains ${article(d.restriction)}${other(d)}, which is not allowed under ${article(d.type)}.`,
  partitionTooLarge: (d) =>
    `The JSON text of ${d.primaryId} is ${d.value} bytes, more than the maximum of ${d.restriction}.`,
  // Extension rules between elements.
  notSiblingRequiredType: (d) => `${prop(d)} names '${d.value}', which is not ${article(d.type)}.`,
  disallowedType: (d) => `${prop(d)} names '${d.value}', which has the disallowed @type ${d.type}.`,
  noMatchingSupplementalProperty: (d) =>
    `${prop(d)} names '${d.value}', which has no extension property '${d.restriction}' to override.`,
  matchingPropertyNotSupplemental: (d) =>
    `${prop(d)} names '${d.value}', whose '${d.restriction}' belongs to its class and cannot be overridden.`,
  siblingPropertyMismatch: (d) => `${prop(d)} is ${val(d)} but must be '${d.restriction}'.`,
  multipleReference: (d) => `${prop(d)} holds more than one override of ${d.value}.`,
  parentMissingCotype: (d) =>
    `${subject(d)} may only appear in '${d.property}' of an element co-typed ${d.restriction}.`,
  siblingDuplicatesCotype: (d) => `${subject(d)} and${other(d)} in '${d.property}' may not share co-type ${d.type}.`,
  siblingMissingCotype: (d) => `${subject(d)} needs a sibling in '${d.property}' co-typed ${d.restriction}.`,
  // Resolution.
  "resolution:undefinedIdentifier": (d) =>
    `${prop(d)} refers to ${d.secondaryId}, which is not defined in the model set${d.restriction === "resolver" ? " or by the resolver" : ""}.`,
  "resolution:resolverFailed": (d) => `The resolver failed: ${d.value}.`,
};

// Literal families: <kind>NotX, <kind>MultipleValues, <kind>CountBelowMin, <kind>ObjectNoValue, …
for (const [kind, expected] of Object.entries(JSON_KIND)) {
  const notSuffix =
    kind === "duration" ? "String" : kind === "identifier" ? "String" : kind.charAt(0).toUpperCase() + kind.slice(1);
  MESSAGES[`${kind}Not${notSuffix}`] ??= (d) => `${prop(d)} must be ${expected}.`;
  MESSAGES[`${kind}MultipleValues`] ??= (d) => `${prop(d)} allows only one value.`;
  MESSAGES[`${kind}CountBelowMin`] ??= (d) => `${prop(d)} needs at least ${plural(d.restriction, "value")}.`;
  MESSAGES[`${kind}ObjectNoValue`] ??= (d) => `${prop(d)} has a value object without '@value'.`;
  const xsd = XSD[kind];
  if (xsd !== undefined) {
    MESSAGES[`${kind}TypeNot${notSuffix}`] ??= (d) => `${prop(d)} has a value object whose @type is not ${xsd}.`;
    MESSAGES[`${kind}ValueNot${notSuffix}`] ??= (d) =>
      `${prop(d)} has a value object whose '@value' is not ${expected}.`;
  }
}
MESSAGES.durationValueNotString = (d) => `${prop(d)} has a value object whose '@value' is not a string.`;

/** The message for a validation id (the part after `dtmi:dtdl:parsingError:`, or `resolution:…`). */
export function describeError(key: string, details: MessageDetails): string {
  const phrase = MESSAGES[key];
  if (phrase) return phrase(details);
  const words = key.replace(/([A-Z])/g, " $1").toLowerCase();
  const about =
    details.primaryId !== undefined ? ` (${subject(details)}${details.property ? `, '${details.property}'` : ""})` : "";
  return `The model breaks a DTDL rule: ${words}${about}.`;
}
