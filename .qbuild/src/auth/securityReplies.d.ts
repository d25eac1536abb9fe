import type { FastifyReply } from "fastify";
export declare function sendUnauthorized(reply: FastifyReply): FastifyReply;
/** ADT's twin-level throttling answer: the twin id inside the error, and Retry-After. */
export declare function sendTwinThrottled(reply: FastifyReply, twinId: string, retryAfterSeconds: number): FastifyReply;
