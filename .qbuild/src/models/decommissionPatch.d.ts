/**
 * Checks the one JSON Patch a model accepts: `[{"op":"replace","path":"/decommissioned","value":true}]`
 * (the operation may repeat). A malformed patch document is `JsonPatchInvalid`; a well-formed
 * patch that asks for anything else is `InvalidArgument`.
 */
export declare function checkDecommissionPatch(body: unknown): void;
