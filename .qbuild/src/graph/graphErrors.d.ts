import { DoppelError, type ErrorDetail } from "../errors/catalogue.js";
export declare function twinNotFound(id: string): DoppelError;
export declare function relationshipNotFound(twinId: string, relationshipId: string): DoppelError;
export declare function targetTwinNotFound(): DoppelError;
export declare function componentNotFound(twinId: string, componentPath: string): DoppelError;
export declare function twinAlreadyExists(id: string): DoppelError;
export declare function relationshipAlreadyExists(id: string): DoppelError;
export declare function etagMismatch(provided: string): DoppelError;
export declare function invalidIfMatch(): DoppelError;
export declare function invalidIfNoneMatch(): DoppelError;
export declare function relationshipsNotDeleted(twinId: string): DoppelError;
/** A JSON Patch the service cannot apply; `reason` is one sentence ending in a period. */
export declare function patchInvalid(reason: string): DoppelError;
export declare function unsupportedPatchOperation(op: string): DoppelError;
export declare function patchTargetNotFound(segment: string): DoppelError;
export declare function patchPropertyNotOnModel(name: string): DoppelError;
export declare function patchPathUnresolved(path: string): DoppelError;
export declare function validationDetail(message: string): ErrorDetail;
/** ADT's answer to a twin that does not conform: one detail per problem. */
export declare function invalidTwin(details: readonly ErrorDetail[]): DoppelError;
export declare function invalidRelationshipContent(details: readonly ErrorDetail[]): DoppelError;
/** The relationship does not fit the source twin's model (name, target or multiplicity). */
export declare function invalidRelationship(message: string): DoppelError;
export declare function modelMissingDetail(modelId: string): ErrorDetail;
export declare function notOnDtdlDetail(name: string): ErrorDetail;
export declare function modelDecommissioned(modelId: string): DoppelError;
export declare function selfRelationship(): DoppelError;
export declare function invalidId(kind: "digital twin" | "relationship", id: string, maxLength: number): DoppelError;
export declare function invalidContinuationToken(): DoppelError;
export declare function writeConflict(): DoppelError;
