import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/**
 * Relationships: `PUT/GET/PATCH/DELETE /digitaltwins/{id}/relationships/{relationshipId}`,
 * `GET /digitaltwins/{id}/relationships[?relationshipName=]` and
 * `GET /digitaltwins/{id}/incomingrelationships`, paged with absolute `nextLink`s.
 */
export declare function relationshipRoutes(app: FastifyInstance, services: Services): void;
