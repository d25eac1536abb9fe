import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";
import { eventually } from "./support/eventHarness.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhookReceiver.js";

const model = {
  "@id": "dtmi:doppel:test:EventRoom;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;3",
  contents: [
    { "@type": "Property", name: "temperature", schema: "double" },
    { "@type": "Property", name: "label", schema: "string" },
    { "@type": "Telemetry", name: "reading", schema: "double" },
  ],
};

let t: TestServer;
let receiver: WebhookReceiver;
beforeAll(async () => {
  t = await startTestServer();
  receiver = await startWebhookReceiver({ https: true });
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

describe("events through the whole server", () => {
  it("routes what the write path commits, woken on commit, filtered by what changed", async () => {
    await t.client.createModels([model]);
    const endpoint = await t.request("PUT", "/admin/endpoints/e2e", { body: { kind: "webhook", url: receiver.url } });
    expect(endpoint.status).toBe(201);
    await t.client.upsertEventRoute(
      "temperature-changes",
      "e2e",
      "type = 'Microsoft.DigitalTwins.Twin.Create' OR CHANGED('/temperature') OR type = 'microsoft.iot.telemetry'",
    );
    const started = Date.now();
    await t.client.upsertDigitalTwin(
      "room-1",
      JSON.stringify({ $metadata: { $model: model["@id"] }, temperature: 20 }),
    );
    await t.client.updateDigitalTwin("room-1", [{ op: "add", path: "/label", value: "ignored" }]);
    await t.client.updateDigitalTwin("room-1", [{ op: "replace", path: "/temperature", value: 21.5 }]);
    await t.client.publishTelemetry("room-1", { reading: 3 }, "message-1");
    await eventually(
      () => receiver.received.length,
      (n) => n >= 3,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const events = receiver.received.map((r) => JSON.parse(r.body));
    expect(events.map((e) => e.type)).toEqual([
      "Microsoft.DigitalTwins.Twin.Create",
      "Microsoft.DigitalTwins.Twin.Update",
      "microsoft.iot.telemetry",
    ]);
    expect(events[0].subject).toBe("room-1");
    expect(events[0].data.temperature).toBe(20);
    expect(events[1].data).toEqual({
      modelId: model["@id"],
      patch: [{ value: 21.5, path: "/temperature", op: "replace" }],
    });
    expect(events[2]).toMatchObject({ id: "message-1", data: { reading: 3 }, dataschema: model["@id"] });
    // Woken by the commit, not by the 500 ms poll.
    expect(receiver.received[0]!.at - started).toBeLessThan(2000);
    const metrics = await t.request("GET", "/metrics");
    expect(metrics.text).toContain('doppel_events_delivered_total{route="temperature-changes",endpoint="e2e"} 3');
    expect(metrics.text).toContain('doppel_events_filtered_out_total{route="temperature-changes",endpoint="e2e"} 1');
  });

  it("closes the server promptly while a live stream is open", async () => {
    const other = await startTestServer();
    const controller = new AbortController();
    const response = await fetch(`${other.url}/events/stream`, { signal: controller.signal });
    expect(response.status).toBe(200);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(3000);
    controller.abort();
  });
});
