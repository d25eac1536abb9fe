import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/**
 * `POST /query`: the first page takes `{"query"}`, later pages `{"continuationToken"}` (the JS
 * SDK also resends `query`, which is then ignored). `max-items-per-page` caps the page; the
 * answer carries `query-charge`. ADT streams its pages chunked; Doppel sends the built page with
 * a Content-Length (clients cannot tell, and a stream costs a third of the point-query rate).
 */
export declare function queryRoutes(app: FastifyInstance, services: Services): void;
