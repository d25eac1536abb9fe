import type { FastifyInstance, FastifyRequest } from "fastify";
import { DoppelError } from "../../errors/catalogue.js";
import type { Services } from "../services.js";

interface IdParams {
  id: string;
}

/** ADT's Event Routes API: `GET /eventroutes`, `GET/PUT/DELETE /eventroutes/{id}`. */
export function eventRouteRoutes(app: FastifyInstance, services: Services): void {
  const events = services.events;

  app.get("/eventroutes", async (request) => {
    const query = request.query as Record<string, unknown>;
    const asked = readPageSize(request.headers["max-items-per-page"]);
    let after = "";
    let size = asked ?? services.config.pageSize;
    if (query.continuationToken !== undefined) {
      const token = readToken(query.continuationToken);
      after = token.after;
      size = asked ?? token.size;
    }
    size = Math.min(size, services.config.pageSize);
    const routes = (await events.listRoutes()).filter((route) => route.id > after);
    const page = routes.slice(0, size);
    const last = page.at(-1);
    return {
      value: page,
      nextLink: routes.length > size && last ? nextLink(request, { after: last.id, size }) : null,
    };
  });

  app.get<{ Params: IdParams }>("/eventroutes/:id", async (request) => events.getRoute(request.params.id));

  app.put<{ Params: IdParams }>("/eventroutes/:id", async (request, reply) => {
    await events.putRoute(request.params.id, request.body);
    return reply.code(204).send();
  });

  app.delete<{ Params: IdParams }>("/eventroutes/:id", async (request, reply) => {
    await events.deleteRoute(request.params.id);
    return reply.code(204).send();
  });
}

interface PageToken {
  readonly after: string;
  readonly size: number;
}

function readToken(value: unknown): PageToken {
  if (typeof value === "string" && value.length <= 2048) {
    try {
      const token = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<PageToken>;
      if (typeof token.after === "string" && Number.isInteger(token.size) && (token.size as number) >= 1) {
        return { after: token.after, size: token.size as number };
      }
    } catch {
      // Falls through to the error.
    }
  }
  throw new DoppelError("BadRequest", "The continuation token is not valid. Start again from the first page.");
}

function readPageSize(value: string | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && /^[0-9]{1,9}$/.test(value.trim())) {
    const size = Number(value.trim());
    if (size >= 1) return size;
  }
  throw new DoppelError("InvalidArgument", "The max-items-per-page header must be a positive integer.");
}

/** Absolute https, as ADT's (the SDK refuses to send a bearer token over anything else). */
function nextLink(request: FastifyRequest, token: PageToken): string {
  const params = new URLSearchParams();
  params.set("continuationToken", Buffer.from(JSON.stringify(token)).toString("base64url"));
  params.set("api-version", request.apiVersion);
  return `https://${request.host}/eventroutes?${params.toString()}`;
}
