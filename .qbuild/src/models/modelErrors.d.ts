import type { DtdlError } from "../dtdl/model.js";
import { DoppelError } from "../errors/catalogue.js";
export declare function modelsEmptyOrUnsupported(): DoppelError;
export declare function tooManyModels(count: number, max: number): DoppelError;
export declare function tooManyDependenciesFor(count: number, max: number): DoppelError;
export declare function invalidModelId(id: string): DoppelError;
export declare function modelNotFound(ids: readonly string[]): DoppelError;
export declare function modelIdsAlreadyExist(ids: readonly string[]): DoppelError;
export declare function modelReferencesNotDeleted(referencedBy: readonly string[]): DoppelError;
/**
 * ADT joins the parser's messages with ` | ` inside its own sentence. The parser's errors also go
 * into `details` (one per error, with the parser's validation id and element ids) so tools can
 * point at the offending element without parsing prose.
 */
export declare function dtdlParserError(errors: readonly DtdlError[]): DoppelError;
export declare function invalidContinuationToken(): DoppelError;
