import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ChangeOrigin } from "../../graph/graphService.js";
import type { Services } from "../services.js";
/**
 * Twins and components: `GET/PUT/PATCH/DELETE /digitaltwins/{id}` and
 * `GET/PATCH /digitaltwins/{id}/components/{componentPath}`. Extension:
 * `DELETE /digitaltwins/{id}?deleteRelationships=true` deletes the twin with all its incoming and
 * outgoing relationships in one transaction (emitting their delete events too).
 */
export declare function twinRoutes(app: FastifyInstance, services: Services): void;
/** The origin a request gives its events: the host it was sent to and its trace context. */
export declare function changeOrigin(request: FastifyRequest): ChangeOrigin;
export declare function headerOf(request: FastifyRequest, name: string): string | undefined;
/** A JSON text answered as is (documents are stored as the JSON GET returns). */
export declare function sendJson(reply: FastifyReply, status: number, json: string, etag?: string): FastifyReply;
/** One query parameter (the first when repeated). */
export declare function queryOf(request: FastifyRequest, name: string): string | undefined;
/**
 * Where links in answers point: absolute `https://<host>` over TLS (the SDK follows only https
 * links), a relative path over plain HTTP (which the SDK reaches only through a rewriting proxy).
 */
export declare function linkBase(request: FastifyRequest): string;
