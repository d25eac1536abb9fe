import type { FastifyInstance } from "fastify";
import { endpointDeliveries } from "../../events/endpoints/endpointStatus.js";
import type { Services } from "../services.js";

interface NameParams {
  name: string;
}

const admin = { config: { skipApiVersion: true } } as const;

/**
 * Our endpoint management API (ADT manages endpoints in the control plane): PUT creates or
 * replaces (201/200), PATCH merges (JSON Merge Patch), DELETE refuses while a route uses the
 * endpoint. Answers never carry credentials; GET adds each endpoint's live `delivery` state.
 */
export function endpointRoutes(app: FastifyInstance, services: Services): void {
  const events = services.events;
  const withDelivery = async (endpoints: Record<string, unknown>[]) => {
    const deliveries = await endpointDeliveries(
      endpoints.map((endpoint) => endpoint.name as string),
      events.dispatcher,
      services.store.events,
    );
    return endpoints.map((endpoint) => ({ ...endpoint, delivery: deliveries.get(endpoint.name as string) }));
  };

  app.get("/admin/endpoints", admin, async () => ({
    value: await withDelivery(await events.listEndpoints()),
    nextLink: null,
  }));

  app.get<{ Params: NameParams }>(
    "/admin/endpoints/:name",
    admin,
    async (request) => (await withDelivery([await events.getEndpoint(request.params.name)]))[0],
  );

  app.put<{ Params: NameParams }>("/admin/endpoints/:name", admin, async (request, reply) => {
    const { created, endpoint } = await events.putEndpoint(request.params.name, request.body);
    return reply.code(created ? 201 : 200).send(endpoint);
  });

  app.patch<{ Params: NameParams }>("/admin/endpoints/:name", admin, async (request) =>
    events.patchEndpoint(request.params.name, request.body),
  );

  app.delete<{ Params: NameParams }>("/admin/endpoints/:name", admin, async (request, reply) => {
    await events.deleteEndpoint(request.params.name);
    return reply.code(204).send();
  });
}
