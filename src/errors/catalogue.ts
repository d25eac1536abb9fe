/**
 * The closed catalogue of every error Doppel answers with. Each entry fixes the stable `code`
 * (ADT's where ADT has one, including the codes the live service returns where the swagger
 * disagrees) and the HTTP status; messages are built by the thrower. `http/errors.ts` is the
 * only place that turns these into responses.
 */
export const errorCatalogue = {
  // Generic request problems.
  InvalidArgument: 400,
  MissingArgument: 400,
  BadRequest: 400,
  JsonPatchInvalid: 400,
  ValidationFailed: 400,
  LimitExceeded: 400,
  UnsupportedMediaType: 415,
  PayloadTooLarge: 413,
  RouteNotFound: 404,
  MethodNotAllowed: 405,
  // Models.
  DTDLParserError: 400,
  ModelVersionNotSupported: 400,
  ModelIdAlreadyExists: 409,
  ModelNotFound: 404,
  ModelReferencesNotDecommissioned: 409,
  ModelReferencesNotDeleted: 409,
  // Twins, components, relationships.
  DigitalTwinNotFound: 404,
  ModelDecommissioned: 400,
  TwinLimitReached: 400,
  PreconditionFailed: 412,
  RelationshipsNotDeleted: 400,
  ComponentNotFound: 404,
  RelationshipNotFound: 404,
  TargetDigitalTwinNotFound: 404,
  InvalidRelationship: 400,
  OperationNotAllowed: 400,
  // Query.
  SqlQueryError: 400,
  TimeoutError: 400,
  QuotaReachedError: 429,
  // Event routes and endpoints.
  EventRouteNotFound: 404,
  EventRouteEndpointInvalid: 400,
  EventRouteFilterInvalid: 400,
  EventRouteIdInvalid: 400,
  EndpointNotFound: 404,
  EndpointInvalid: 400,
  EndpointAlreadyExists: 409,
  EndpointInUse: 409,
  EndpointSecretsUnreadable: 503,
  DeadLetterNotFound: 404,
  LastEventIdInvalid: 400,
  // Security and limits.
  Unauthorized: 401,
  Forbidden: 403,
  TooManyRequests: 429,
  ApiKeyNotFound: 404,
  RoleDefinitionNotFound: 404,
  RoleDefinitionInUse: 409,
  RoleAssignmentNotFound: 404,
  // Ours.
  ServiceUnavailable: 503,
  InternalServerError: 500,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly [extra: string]: unknown;
}

/** The one error type services throw; the HTTP layer maps it to ADT's envelope. */
export class DoppelError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: readonly ErrorDetail[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { details?: readonly ErrorDetail[]; headers?: Record<string, string>; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DoppelError";
    this.code = code;
    this.status = errorCatalogue[code];
    this.details = options?.details;
    this.headers = options?.headers;
  }
}

export function isDoppelError(value: unknown): value is DoppelError {
  return value instanceof DoppelError;
}
