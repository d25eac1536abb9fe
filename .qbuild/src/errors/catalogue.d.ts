/**
 * The closed catalogue of every error Doppel answers with. Each entry fixes the stable `code`
 * (ADT's where ADT has one, including the codes the live service returns where the swagger
 * disagrees) and the HTTP status; messages are built by the thrower. `http/errors.ts` is the
 * only place that turns these into responses.
 */
export declare const errorCatalogue: {
    readonly InvalidArgument: 400;
    readonly MissingArgument: 400;
    readonly BadRequest: 400;
    readonly JsonPatchInvalid: 400;
    readonly ValidationFailed: 400;
    readonly LimitExceeded: 400;
    readonly UnsupportedMediaType: 415;
    readonly PayloadTooLarge: 413;
    readonly RouteNotFound: 404;
    readonly MethodNotAllowed: 405;
    readonly DTDLParserError: 400;
    readonly ModelVersionNotSupported: 400;
    readonly ModelIdAlreadyExists: 409;
    readonly ModelNotFound: 404;
    readonly ModelReferencesNotDecommissioned: 409;
    readonly ModelReferencesNotDeleted: 409;
    readonly DigitalTwinNotFound: 404;
    readonly ModelDecommissioned: 400;
    readonly TwinLimitReached: 400;
    readonly PreconditionFailed: 412;
    readonly RelationshipsNotDeleted: 400;
    readonly ComponentNotFound: 404;
    readonly RelationshipNotFound: 404;
    readonly TargetDigitalTwinNotFound: 404;
    readonly InvalidRelationship: 400;
    readonly OperationNotAllowed: 400;
    readonly SqlQueryError: 400;
    readonly TimeoutError: 400;
    readonly QuotaReachedError: 429;
    readonly EventRouteNotFound: 404;
    readonly EventRouteEndpointInvalid: 400;
    readonly EventRouteFilterInvalid: 400;
    readonly EventRouteIdInvalid: 400;
    readonly EndpointNotFound: 404;
    readonly EndpointInvalid: 400;
    readonly EndpointAlreadyExists: 409;
    readonly EndpointInUse: 409;
    readonly DeadLetterNotFound: 404;
    readonly Unauthorized: 401;
    readonly Forbidden: 403;
    readonly TooManyRequests: 429;
    readonly ApiKeyNotFound: 404;
    readonly RoleDefinitionNotFound: 404;
    readonly RoleDefinitionInUse: 409;
    readonly RoleAssignmentNotFound: 404;
    readonly ServiceUnavailable: 503;
    readonly InternalServerError: 500;
};
export type ErrorCode = keyof typeof errorCatalogue;
export interface ErrorDetail {
    readonly code: string;
    readonly message: string;
    readonly [extra: string]: unknown;
}
/** The one error type services throw; the HTTP layer maps it to ADT's envelope. */
export declare class DoppelError extends Error {
    readonly code: ErrorCode;
    readonly status: number;
    readonly details: readonly ErrorDetail[] | undefined;
    readonly headers: Readonly<Record<string, string>> | undefined;
    constructor(code: ErrorCode, message: string, options?: {
        details?: readonly ErrorDetail[];
        headers?: Record<string, string>;
        cause?: unknown;
    });
}
export declare function isDoppelError(value: unknown): value is DoppelError;
