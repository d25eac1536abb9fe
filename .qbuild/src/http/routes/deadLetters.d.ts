import type { FastifyInstance } from "fastify";
import type { Services } from "../services.js";
/**
 * Dead letters: `GET /admin/deadletters[?endpoint=]` (paged, oldest first, without the event),
 * `GET /admin/deadletters/{id}` (with the event), `POST /admin/deadletters/{id}/replay`,
 * `POST /admin/deadletters/replay[?endpoint=]`, `DELETE /admin/deadletters/{id}`.
 */
export declare function deadLetterRoutes(app: FastifyInstance, services: Services): void;
