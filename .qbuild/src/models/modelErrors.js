import { DoppelError } from "../errors/catalogue.js";
/*
 * The model errors Doppel answers with. Where the live service has been observed, the message is
 * ADT's, word for word (SDK users match on them); the rest follow the same voice.
 */
const modelsDocs = "See model documentation(https://aka.ms/ADTv2Models) for supported format.";
export function modelsEmptyOrUnsupported() {
    return new DoppelError("InvalidArgument", "Operation failed as models provided was empty or of a type that is not supported.. Check that your Model Array contains at least one item and it is of a supported type. See link(https://aka.ms/ADTv2Models) for details.");
}
export function tooManyModels(count, max) {
    return new DoppelError("LimitExceeded", `The request contains ${count} models but at most ${max} models can be uploaded in one call. Split the models into several calls; references to models uploaded earlier are resolved.`);
}
export function tooManyDependenciesFor(count, max) {
    return new DoppelError("LimitExceeded", `The request names ${count} models in 'dependenciesFor' but at most ${max} are allowed. Split the request into several calls.`);
}
export function invalidModelId(id) {
    return new DoppelError("InvalidArgument", `The format of the Model ID ${id} provided is not supported. ${modelsDocs}`);
}
export function modelNotFound(ids) {
    return new DoppelError("ModelNotFound", `There is no Model(s) available that matches the provided id(s) ${ids.join(", ")}. Check that the Model ID provided is valid by doing a Model_List API call.`);
}
export function modelIdsAlreadyExist(ids) {
    return new DoppelError("ModelIdAlreadyExists", `Some of the model ids already exist: ${ids.join(", ")}. Use Model_List API to view models that already exist. See the Swagger example (https://aka.ms/ModelListSwSmpl).`);
}
export function modelReferencesNotDeleted(referencedBy) {
    return new DoppelError("ModelReferencesNotDeleted", `This model is currently being referenced by ${referencedBy.join(", ")}. You must delete these references before deleting the Model.. To delete references, do Delete Model on Ids provided above.`);
}
/**
 * ADT joins the parser's messages with ` | ` inside its own sentence. The parser's errors also go
 * into `details` (one per error, with the parser's validation id and element ids) so tools can
 * point at the offending element without parsing prose.
 */
export function dtdlParserError(errors) {
    const text = errors.map((e) => e.message).join(" | ");
    return new DoppelError("DTDLParserError", `None of the models in this request could be created due to a problem with one or more models: ${text}. ${modelsDocs}`, { details: errors.map(toDetail) });
}
function toDetail(error) {
    const detail = { code: "DTDLParserError", message: error.message };
    detail.validationId = error.validationId;
    if (error.primaryId !== undefined)
        detail.primaryId = error.primaryId;
    if (error.secondaryId !== undefined)
        detail.secondaryId = error.secondaryId;
    if (error.property !== undefined)
        detail.property = error.property;
    if (error.value !== undefined)
        detail.value = error.value;
    if (error.documentIndex !== undefined)
        detail.documentIndex = error.documentIndex;
    return detail;
}
export function invalidContinuationToken() {
    return new DoppelError("InvalidArgument", "The continuation token is not valid for this request. Use the nextLink of the previous page unchanged, with the same dependenciesFor.");
}
//# sourceMappingURL=modelErrors.js.map