import type { FastifyInstance } from "fastify";
import { DoppelError } from "../../errors/catalogue.js";
import type { QueryConsistency } from "../../query/queryService.js";
import type { Services } from "../services.js";

/**
 * `POST /query`: the first page takes `{"query"}`, later pages `{"continuationToken"}` (the JS
 * SDK also resends `query`, which is then ignored). `max-items-per-page` caps the page; the
 * answer carries `query-charge`. ADT streams its pages chunked; Doppel sends the built page with
 * a Content-Length (clients cannot tell, and a stream costs a third of the point-query rate).
 *
 * A caller whose role assignments reach only some twins gets answers computed over those twins
 * alone: the compiler puts the scope into the statement (`appliesTwinScope` tells the security
 * layer so, which otherwise refuses scoped callers).
 *
 * `Doppel-Consistency: eventual` lets the query run on the store's read replica (it may miss the
 * latest writes); `strong` keeps it on the primary. Without the header, the server's default.
 */
export function queryRoutes(app: FastifyInstance, services: Services): void {
  app.post("/query", { config: { appliesTwinScope: true } }, async (request, reply) => {
    const body = request.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new DoppelError(
        "InvalidArgument",
        "The request body must be a JSON object with 'query' or 'continuationToken'.",
      );
    }
    const { query, continuationToken } = body as Record<string, unknown>;
    const result = await services.query.query({
      query,
      continuationToken,
      maxItemsPerPage: maxItemsPerPage(request.headers["max-items-per-page"]),
      apiVersion: request.apiVersion,
      scope: request.access?.scope,
      consistency: consistencyOf(request.headers["doppel-consistency"]),
    });
    reply
      .code(200)
      .header("content-type", "application/json; charset=utf-8")
      .header("query-charge", String(result.charge));
    return reply.send(result.body);
  });
}

function maxItemsPerPage(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined || !/^\s*[0-9]{1,9}\s*$/.test(text) || Number(text) < 1) {
    throw new DoppelError(
      "InvalidArgument",
      `The max-items-per-page header must be a positive integer, got '${String(text)}'.`,
    );
  }
  return Number(text);
}

function consistencyOf(header: string | string[] | undefined): QueryConsistency | undefined {
  if (header === undefined) return undefined;
  const text = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  if (text === "strong" || text === "eventual") return text;
  throw new DoppelError(
    "InvalidArgument",
    `The Doppel-Consistency header must be 'strong' or 'eventual', got '${String(header)}'.`,
  );
}
