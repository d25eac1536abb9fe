import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/**
 * Our endpoint management API (ADT manages endpoints in the control plane): PUT creates or
 * replaces (201/200), PATCH merges (JSON Merge Patch), DELETE refuses while a route uses the
 * endpoint. Answers never carry credentials.
 */
export declare function endpointRoutes(app: FastifyInstance, services: Services): void;
