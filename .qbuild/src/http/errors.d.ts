import type { FastifyReply, FastifyRequest } from "fastify";
import { DoppelError } from "../errors/catalogue.js";
/**
 * The one place errors become responses: ADT's envelope `{"error":{code,message,details?}}`,
 * the `x-ms-error-code` header and `application/json; charset=utf-8`.
 */
export declare function sendError(reply: FastifyReply, error: DoppelError): FastifyReply;
export declare function toDoppelError(error: unknown): DoppelError;
export declare function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply;
