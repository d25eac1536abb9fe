import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EventHarness, startEventHarness } from "./support/eventHarness.js";

let h: EventHarness;
const v = "api-version=2023-10-31";

beforeAll(async () => {
  h = await startEventHarness({ events: { dispatch: false } });
});
afterAll(async () => {
  await h.close();
});

const endpointInvalid = {
  error: {
    code: "EventRouteEndpointInvalid",
    message:
      "The endpoint provided does not exist or is not active. Check that your endpoint is provisioned correctly. See event route documentation (https://aka.ms/ADTv2Routes).",
  },
};
const routeNotFound = {
  error: {
    code: "EventRouteNotFound",
    message:
      "There is no route available that matches the provided input. Check for all valid event routes by calling EventRoute_List. See Swagger example (https://aka.ms/RouteSwSmpl).",
  },
};

async function createWebhookEndpoint(name: string): Promise<void> {
  const res = await h.request("PUT", `/admin/endpoints/${name}`, {
    body: { kind: "webhook", url: "https://localhost:1/hook" },
  });
  expect(res.status).toBe(201);
}

describe("event routes API (ADT)", () => {
  it("lists no routes on an empty instance, as recorded", async () => {
    const res = await h.request("GET", `/eventroutes?${v}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.body).toEqual({ value: [], nextLink: null });
  });

  it("refuses a route to an endpoint that does not exist, as recorded", async () => {
    const res = await h.request("PUT", `/eventroutes/eventRoute540?${v}`, {
      body: {
        endpointName: "endpoint0",
        filter: "$eventType = 'DigitalTwinTelemetryMessages' or $eventType = 'DigitalTwinLifecycleNotification'",
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-ms-error-code")).toBe("EventRouteEndpointInvalid");
    expect(res.body).toEqual(endpointInvalid);
  });

  it("answers 404 EventRouteNotFound for a missing route, as recorded", async () => {
    const res = await h.request("GET", `/eventroutes/eventRoute573?${v}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("x-ms-error-code")).toBe("EventRouteNotFound");
    expect(res.body).toEqual(routeNotFound);
    const del = await h.request("DELETE", `/eventroutes/eventRoute573?${v}`);
    expect(del.status).toBe(404);
    expect(del.body).toEqual(routeNotFound);
  });

  it("runs the recorded lifecycle: PUT 204, GET, list, DELETE 204, GET 404", async () => {
    await createWebhookEndpoint("someEventHubEndpoint");
    const filter = "$eventType = 'DigitalTwinTelemetryMessages' or $eventType = 'DigitalTwinLifecycleNotification'";
    const put = await h.request("PUT", `/eventroutes/someEventRouteId-690889591?api-version=2023-06-30`, {
      body: { endpointName: "someEventHubEndpoint", filter },
    });
    expect(put.status).toBe(204);
    expect(put.text).toBe("");
    const route = { id: "someEventRouteId-690889591", endpointName: "someEventHubEndpoint", filter };
    const get = await h.request("GET", `/eventroutes/someEventRouteId-690889591?api-version=2023-06-30`);
    expect(get.status).toBe(200);
    expect(get.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(get.body).toEqual(route);
    const list = await h.request("GET", `/eventroutes?api-version=2023-06-30`);
    expect(list.body).toEqual({ value: [route], nextLink: null });
    const del = await h.request("DELETE", `/eventroutes/someEventRouteId-690889591?api-version=2023-06-30`);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    const gone = await h.request("GET", `/eventroutes/someEventRouteId-690889591?api-version=2023-06-30`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(routeNotFound);
  });

  it("rejects a malformed filter with the live service's message", async () => {
    const res = await h.request("PUT", `/eventroutes/someEventRouteId-1363912925?${v}`, {
      body: { endpointName: "someEventHubEndpoint", filter: "this is not a valid filter string" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-ms-error-code")).toBe("EventRouteFilterInvalid");
    expect(res.body).toEqual({
      error: {
        code: "EventRouteFilterInvalid",
        message:
          "The provided filter is invalid. Parsing error, Line=1, Position=6, Message=Unexpected input 'is'. See event route documentation for supported values and structure (https://aka.ms/ADTv2Routes).",
      },
    });
    expect((await h.request("GET", `/eventroutes/someEventRouteId-1363912925?${v}`)).status).toBe(404);
  });

  it("replaces a route in place with PUT", async () => {
    await createWebhookEndpoint("endpoint-001");
    await createWebhookEndpoint("endpoint-002");
    const first = await h.request("PUT", `/eventroutes/eventroute-001?${v}`, {
      body: { endpointName: "endpoint-001", filter: "true" },
    });
    expect(first.status).toBe(204);
    const second = await h.request("PUT", `/eventroutes/eventroute-001?${v}`, {
      body: { endpointName: "endpoint-002", filter: "type = 'Microsoft.DigitalTwins.Twin.Create'", id: "ignored" },
    });
    expect(second.status).toBe(204);
    expect((await h.request("GET", `/eventroutes/eventroute-001?${v}`)).body).toEqual({
      id: "eventroute-001",
      endpointName: "endpoint-002",
      filter: "type = 'Microsoft.DigitalTwins.Twin.Create'",
    });
    expect((await h.request("DELETE", `/eventroutes/eventroute-001?${v}`)).status).toBe(204);
  });

  it.each([
    [{ endpointName: "endpoint-001" }, "EventRouteFilterInvalid"],
    [{ endpointName: "endpoint-001", filter: 5 }, "EventRouteFilterInvalid"],
    [{ filter: "true" }, "EventRouteEndpointInvalid"],
    [[], "InvalidArgument"],
  ])("rejects the body %j with %s", async (body, code) => {
    const res = await h.request("PUT", `/eventroutes/bad-body?${v}`, { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });

  it("rejects an id outside the allowed characters", async () => {
    const res = await h.request("PUT", `/eventroutes/${encodeURIComponent("a b")}?${v}`, {
      body: { endpointName: "endpoint-001", filter: "true" },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: "EventRouteIdInvalid",
        message: "The event route id 'a b' is invalid. Use 1-256 letters, digits, '-', '_', '.', ':' or '~'.",
      },
    });
  });

  it("requires an api-version", async () => {
    const res = await h.request("GET", "/eventroutes");
    expect(res.status).toBe(400);
  });

  it("pages with max-items-per-page and an absolute nextLink", async () => {
    for (const id of ["p1", "p2", "p3", "p4", "p5"]) {
      await h.request("PUT", `/eventroutes/${id}?${v}`, { body: { endpointName: "endpoint-001", filter: "true" } });
    }
    const first = await h.request("GET", `/eventroutes?${v}`, { headers: { "max-items-per-page": "2" } });
    expect(first.body.value.map((r: { id: string }) => r.id)).toEqual(["p1", "p2"]);
    expect(first.body.nextLink).toMatch(
      new RegExp(
        `^${h.url.replace("localhost", "localhost")}/eventroutes\\?continuationToken=[A-Za-z0-9_-]+&api-version=2023-10-31$`,
      ),
    );
    const second = await h.request("GET", first.body.nextLink.slice(h.url.length));
    expect(second.body.value.map((r: { id: string }) => r.id)).toEqual(["p3", "p4"]);
    const third = await h.request("GET", second.body.nextLink.slice(h.url.length));
    expect(third.body).toEqual({ value: [{ id: "p5", endpointName: "endpoint-001", filter: "true" }], nextLink: null });
    const bad = await h.request("GET", `/eventroutes?continuationToken=nope&${v}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BadRequest");
    const badSize = await h.request("GET", `/eventroutes?${v}`, { headers: { "max-items-per-page": "0" } });
    expect(badSize.status).toBe(400);
    expect(badSize.body.error.code).toBe("InvalidArgument");
  });

  it("works with the official SDK, following nextLink", async () => {
    await h.client.upsertEventRoute("sdk-route", "endpoint-001", "type = 'microsoft.iot.telemetry'");
    expect(await h.client.getEventRoute("sdk-route")).toMatchObject({
      id: "sdk-route",
      endpointName: "endpoint-001",
      filter: "type = 'microsoft.iot.telemetry'",
    });
    const ids: string[] = [];
    for await (const page of h.client.listEventRoutes({ maxPageSize: 2 } as never).byPage({ maxPageSize: 2 })) {
      expect(page.value?.length).toBeLessThanOrEqual(2);
      for (const route of page.value ?? []) ids.push(route.id!);
    }
    expect(ids).toEqual(["p1", "p2", "p3", "p4", "p5", "sdk-route"]);
    await h.client.deleteEventRoute("sdk-route");
    await expect(h.client.getEventRoute("sdk-route")).rejects.toMatchObject({
      statusCode: 404,
      code: "EventRouteNotFound",
    });
  });

  it("caps the number of routes", async () => {
    const capped = await startEventHarness({ events: { dispatch: false, maxRoutes: 1 } });
    try {
      await capped.request("PUT", "/admin/endpoints/e", { body: { kind: "webhook", url: "http://localhost:1/" } });
      expect(
        (await capped.request("PUT", `/eventroutes/one?${v}`, { body: { endpointName: "e", filter: "true" } })).status,
      ).toBe(204);
      const res = await capped.request("PUT", `/eventroutes/two?${v}`, { body: { endpointName: "e", filter: "true" } });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("LimitExceeded");
      expect(
        (await capped.request("PUT", `/eventroutes/one?${v}`, { body: { endpointName: "e", filter: "false" } })).status,
      ).toBe(204);
    } finally {
      await capped.close();
    }
  });
});
