import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import {
  eventsAfter,
  expectError,
  expectJson,
  lastSeq,
  putTwin,
  richModels,
  timePattern,
  twinPath,
  uploadModels,
} from "./support.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await uploadModels(t, richModels);
  expectJson(await putTwin(t, "sensor", { $metadata: { $model: "dtmi:test:Rich;1" }, panel: {} }), 200);
});
afterAll(async () => {
  await t.close();
});

function post(path: string, body: string, headers: Record<string, string>) {
  return t.request("POST", path, { rawBody: body, headers: { "content-type": "application/json", ...headers } });
}

describe("POST /digitaltwins/{id}/telemetry", () => {
  it("answers 204 and appends the body, unmodified, as a microsoft.iot.telemetry event", async () => {
    const before = await lastSeq(t);
    const traceparent = "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01";
    const body = '{"temp": 21.50, "big": 12345678901234567890}';
    const res = await post(twinPath("sensor", "/telemetry"), body, {
      "message-id": "msg-1",
      "telemetry-source-time": "2024-01-31T12:00:00.5Z",
      traceparent,
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const records = await t.server.services.store.outbox.readAfter(before, 10);
    expect(records).toHaveLength(1);
    expect(records[0]!.type).toBe("microsoft.iot.telemetry");
    // The data is spliced in as sent: 21.50 and the 20-digit integer survive.
    expect(records[0]!.event).toBe(
      `{"specversion":"1.0","id":"msg-1","type":"microsoft.iot.telemetry","source":"${new URL(t.url).host}/digitaltwins/sensor","data":${body},"time":"2024-01-31T12:00:00.5Z","datacontenttype":"application/json","dataschema":"dtmi:test:Rich;1","traceparent":"${traceparent}"}`,
    );
  });

  it("stamps the processing time when no Telemetry-Source-Time is given, and takes any JSON", async () => {
    const before = await lastSeq(t);
    expect((await post(twinPath("sensor", "/telemetry"), '"just a string"', { "message-id": "m2" })).status).toBe(204);
    expect((await post(twinPath("sensor", "/telemetry"), "[1,2]", { "message-id": "m3" })).status).toBe(204);
    const events = await eventsAfter(t, before);
    expect(events.map((e) => e.event.data)).toEqual(["just a string", [1, 2]]);
    expect(events[0]!.event.time).toMatch(timePattern);
    expect(events[0]!.event.subject).toBeUndefined();
  });

  it("requires Message-Id and a valid Telemetry-Source-Time, and answers 404 for a missing twin", async () => {
    expectError(await post(twinPath("sensor", "/telemetry"), "{}", {}), 400, "InvalidArgument");
    expectError(
      await post(twinPath("sensor", "/telemetry"), "{}", { "message-id": "m", "telemetry-source-time": "noon" }),
      400,
      "InvalidArgument",
    );
    expectError(await post(twinPath("sensor", "/telemetry"), "{oops", { "message-id": "m" }), 400, "InvalidArgument");
    expectError(
      await post(twinPath("foo", "/telemetry"), '{"ComponentTelemetry1": 5}', { "message-id": "m" }),
      404,
      "DigitalTwinNotFound",
      "There is no digital twin instance that exists with the ID foo. Please verify that the twin id is valid and ensure that the twin is not deleted. See section on querying the twins https://aka.ms/adtv2query.",
    );
  });
});

describe("POST /digitaltwins/{id}/components/{path}/telemetry", () => {
  it("names the component as subject and its interface as dataschema", async () => {
    const before = await lastSeq(t);
    const res = await post(twinPath("sensor", "/components/panel/telemetry"), '{"hum": 40}', { "message-id": "c-1" });
    expect(res.status).toBe(204);
    const [event] = await eventsAfter(t, before);
    expect(event!.event).toEqual({
      specversion: "1.0",
      id: "c-1",
      type: "microsoft.iot.telemetry",
      source: `${new URL(t.url).host}/digitaltwins/sensor`,
      data: { hum: 40 },
      subject: "panel",
      time: event!.event.time,
      datacontenttype: "application/json",
      dataschema: "dtmi:test:Panel;1",
      traceparent: event!.event.traceparent,
    });
  });

  it("answers ComponentNotFound for a name that is not a component", async () => {
    for (const name of ["nope", "name"]) {
      expectError(
        await post(twinPath("sensor", `/components/${name}/telemetry`), "{}", { "message-id": "m" }),
        404,
        "ComponentNotFound",
        `sensor does not have component ${name} Please verify that the component path is correct. You can get components by getting the twin, See example https://aka.ms/TwinGetSwSmpl.`,
      );
    }
    expectError(
      await post(twinPath("nosuch", "/components/panel/telemetry"), "{}", { "message-id": "m" }),
      404,
      "DigitalTwinNotFound",
    );
  });

  it("puts right the official SDK's swapped payload and message id (1.1.0 publishComponentTelemetry)", async () => {
    const before = await lastSeq(t);
    await t.client.publishComponentTelemetry("sensor", "panel", '{"hum": 41}', "sdk-message-id");
    await t.client.publishTelemetry("sensor", { temp: 1 }, "sdk-twin-message");
    const events = await eventsAfter(t, before);
    expect(events.map((e) => [e.event.id, e.event.subject ?? null, e.event.data])).toEqual([
      ["sdk-message-id", "panel", { hum: 41 }],
      ["sdk-twin-message", null, { temp: 1 }],
    ]);
    // The SDK sends its own Telemetry-Source-Time (ISO, 3 digits).
    expect(events[0]!.event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("is routed under the api-version check like every ADT operation", async () => {
    const res = await t.request("POST", `/digitaltwins/sensor/telemetry`, {
      rawBody: "{}",
      headers: { "content-type": "application/json", "message-id": "m" },
    });
    expectError(res, 400, "InvalidArgument");
  });
});
