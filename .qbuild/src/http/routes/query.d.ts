import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/**
 * `POST /query`: the first page takes `{"query"}`, later pages `{"continuationToken"}` (the JS
 * SDK also resends `query`, which is then ignored). `max-items-per-page` caps the page. The body
 * streams out chunked and carries `query-charge`, as ADT's does.
 */
export declare function queryRoutes(app: FastifyInstance, services: Services): void;
