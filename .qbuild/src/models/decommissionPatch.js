import { DoppelError } from "../errors/catalogue.js";
const patchDocs = "See section on update apis in the documentation https://aka.ms/adtv2twins.";
/**
 * Checks the one JSON Patch a model accepts: `[{"op":"replace","path":"/decommissioned","value":true}]`
 * (the operation may repeat). A malformed patch document is `JsonPatchInvalid`; a well-formed
 * patch that asks for anything else is `InvalidArgument`.
 */
export function checkDecommissionPatch(body) {
    if (!Array.isArray(body) || body.length === 0) {
        throw new DoppelError("JsonPatchInvalid", `The patch document must be a non-empty JSON array of operations. Please provide a valid patch document. ${patchDocs}`);
    }
    for (const operation of body)
        checkOperation(operation);
}
function checkOperation(operation) {
    if (typeof operation !== "object" || operation === null || Array.isArray(operation)) {
        throw new DoppelError("JsonPatchInvalid", `Every patch operation must be a JSON object. Please provide a valid patch document. ${patchDocs}`);
    }
    const { op, path, value } = operation;
    if (typeof op !== "string" || typeof path !== "string") {
        throw new DoppelError("JsonPatchInvalid", `Every patch operation needs a string 'op' and 'path'. Please provide a valid patch document. ${patchDocs}`);
    }
    if (op !== "replace") {
        throw new DoppelError("JsonPatchInvalid", `Unsupported operation type ${op}. Please provide a valid patch document. Models accept only 'replace' of '/decommissioned'. ${patchDocs}`);
    }
    if (path !== "/decommissioned") {
        throw new DoppelError("InvalidArgument", `The path ${path} cannot be updated. Only the decommissioned property of a model can be replaced, with the value true.`);
    }
    if (value !== true) {
        throw new DoppelError("InvalidArgument", "The decommissioned property can only be set to true. A decommissioned model cannot be recommissioned.");
    }
}
//# sourceMappingURL=decommissionPatch.js.map