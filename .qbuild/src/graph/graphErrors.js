import { DoppelError } from "../errors/catalogue.js";
/**
 * The errors of twins, components, relationships and telemetry, with the messages the live
 * service sends (taken from recorded traffic) where one is known.
 */
const patchHelp = "Please provide a valid patch document. See section on update apis in the documentation https://aka.ms/adtv2twins.";
export function twinNotFound(id) {
    return new DoppelError("DigitalTwinNotFound", `There is no digital twin instance that exists with the ID ${id}. Please verify that the twin id is valid and ensure that the twin is not deleted. See section on querying the twins https://aka.ms/adtv2query.`);
}
export function relationshipNotFound(twinId, relationshipId) {
    return new DoppelError("RelationshipNotFound", `Relationship ${relationshipId} not found on twin ${twinId}. Please verify that the relationship id is valid and ensure that the relationship is not deleted. See section on listing relationships in the documentation https://aka.ms/adtv2twins.`);
}
export function targetTwinNotFound() {
    return new DoppelError("TargetDigitalTwinNotFound", "The target digital twin is invalid or does not exist. Please validate that the target twin is valid and ensure that the target twin is not deleted. See section on querying the twins https://aka.ms/adtv2query .");
}
export function componentNotFound(twinId, componentPath) {
    return new DoppelError("ComponentNotFound", `${twinId} does not have component ${componentPath} Please verify that the component path is correct. You can get components by getting the twin, See example https://aka.ms/TwinGetSwSmpl.`);
}
export function twinAlreadyExists(id) {
    return new DoppelError("PreconditionFailed", `If-None-Match: * header was specified but a twin with the id ${id} was found. Please specify a different twin id.`);
}
export function relationshipAlreadyExists(id) {
    return new DoppelError("PreconditionFailed", `If-None-Match: * header was specified but a relationship with the id ${id} was found. Please specify a different relationship id.`);
}
export function etagMismatch(provided) {
    return new DoppelError("PreconditionFailed", `The provided etag ${provided} doesn't match the current etag for the resource. Please obtain and provide the latest etag by getting the resource. See section on get apis in the documentation https://aka.ms/adtv2twins.`);
}
export function invalidIfMatch() {
    return new DoppelError("InvalidArgument", "Invalid If-Match header value. Allowed value(s): If-Match: {etag} or If-Match: *");
}
export function invalidIfNoneMatch() {
    return new DoppelError("InvalidArgument", "Invalid If-None-Match header value. Allowed value(s): If-None-Match: *");
}
export function relationshipsNotDeleted(twinId) {
    return new DoppelError("RelationshipsNotDeleted", `Twin ${twinId} has active relationships. Cannot delete a twin unless all the relationships are deleted. Please ensure that the active relationships on the twin are deleted. See section on retrieving relationships https://aka.ms/adtv2twins.`);
}
/** A JSON Patch the service cannot apply; `reason` is one sentence ending in a period. */
export function patchInvalid(reason) {
    return new DoppelError("JsonPatchInvalid", `${reason} ${patchHelp}`);
}
export function unsupportedPatchOperation(op) {
    return patchInvalid(`Unsupported operation type ${op}.`);
}
export function patchTargetNotFound(segment) {
    return patchInvalid(`The target location specified by path segment '${segment}' was not found.`);
}
export function patchPropertyNotOnModel(name) {
    return patchInvalid(`${name} does not exist on component.`);
}
export function patchPathUnresolved(path) {
    return patchInvalid(`Could not resolve path ${path}.`);
}
export function validationDetail(message) {
    return { code: "ValidationFailed", message };
}
/** ADT's answer to a twin that does not conform: one detail per problem. */
export function invalidTwin(details) {
    return new DoppelError("ValidationFailed", "Invalid twin specified", { details });
}
export function invalidRelationshipContent(details) {
    return new DoppelError("ValidationFailed", "Invalid relationship specified", { details });
}
/** The relationship does not fit the source twin's model (name, target or multiplicity). */
export function invalidRelationship(message) {
    return new DoppelError("InvalidRelationship", message);
}
export function modelMissingDetail(modelId) {
    return validationDetail(`${modelId} or one of its dependencies does not exist.`);
}
export function notOnDtdlDetail(name) {
    return validationDetail(`${name} does not appear on the DTDL for Twin.`);
}
export function modelDecommissioned(modelId) {
    return new DoppelError("ModelDecommissioned", `The model ${modelId} is decommissioned. New digital twins cannot use a decommissioned model.`);
}
export function selfRelationship() {
    return new DoppelError("OperationNotAllowed", "A relationship cannot have the same digital twin as its source and target.");
}
export function invalidId(kind, id, maxLength) {
    return new DoppelError("InvalidArgument", `The ${kind} id '${id.length > 64 ? `${id.slice(0, 64)}…` : id}' is invalid. An id is 1 to ${maxLength} characters long and has no control characters.`);
}
export function invalidContinuationToken() {
    return new DoppelError("BadRequest", "The continuation token is invalid. Use the nextLink of the previous page as it is.");
}
export function writeConflict() {
    return new DoppelError("ServiceUnavailable", "The change conflicted with concurrent changes to the same twin too many times. Retry the request.", { headers: { "retry-after": "1" } });
}
//# sourceMappingURL=graphErrors.js.map