import { DoppelError, isDoppelError } from "../errors/catalogue.js";
/**
 * The one place errors become responses: ADT's envelope `{"error":{code,message,details?}}`,
 * the `x-ms-error-code` header and `application/json; charset=utf-8`.
 */
export function sendError(reply, error) {
    const body = {
        error: { code: error.code, message: error.message },
    };
    if (error.details !== undefined)
        body.error.details = error.details;
    if (error.headers)
        reply.headers(error.headers);
    return reply
        .code(error.status)
        .header("x-ms-error-code", error.code)
        .header("content-type", "application/json; charset=utf-8")
        .send(JSON.stringify(body));
}
export function toDoppelError(error) {
    if (isDoppelError(error))
        return error;
    const fe = error;
    switch (fe.code) {
        case "FST_ERR_CTP_BODY_TOO_LARGE":
            return new DoppelError("PayloadTooLarge", "The request body is larger than the configured limit.");
        case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
            return new DoppelError("UnsupportedMediaType", "The request's Content-Type is not supported by this operation.");
        case "FST_ERR_CTP_EMPTY_JSON_BODY":
            return new DoppelError("InvalidArgument", "The request body is empty; a JSON document is required.");
        case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
            return new DoppelError("InvalidArgument", "The request's Content-Length does not match its body.");
    }
    if (error instanceof SyntaxError || fe.statusCode === 400) {
        return new DoppelError("InvalidArgument", `The request body is not valid JSON: ${error.message}`);
    }
    return new DoppelError("InternalServerError", "An unexpected error occurred. It has been logged.", { cause: error });
}
export function errorHandler(error, request, reply) {
    const mapped = toDoppelError(error);
    if (mapped.status >= 500)
        request.log.error({ err: error }, "request failed");
    return sendError(reply, mapped);
}
//# sourceMappingURL=errors.js.map