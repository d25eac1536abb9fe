import { randomUUID } from "node:crypto";
import { connect as connectNats, type JetStreamManager, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telemetryEvent } from "../../src/events/cloudEvents.js";
import { createEventService } from "../../src/events/createEventService.js";
import { toDeliveryEvent } from "../../src/events/delivery/deliveryEvent.js";
import type { NatsEndpoint } from "../../src/events/endpoints/endpointDefinition.js";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { NatsSink } from "../../src/events/sinks/natsSink.js";
import { loopbackServices, requireService } from "../support/services.js";
import { eventually, updateEvent } from "./support/eventHarness.js";
import { openEventTestStore } from "./support/eventTestStore.js";

const run = randomUUID().slice(0, 8).replace(/-/g, "");
const hasNats = await requireService("nats", "NATS JetStream de-duplication");

describe.runIf(hasNats)("JetStream publishes carry Nats-Msg-Id", () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const stream = `DOPPEL_DEDUP_${run}`;
  beforeAll(async () => {
    nc = await connectNats({ servers: loopbackServices.nats.url });
    jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: stream, subjects: [`doppel-dedup.${run}.>`], duplicate_window: 60_000_000_000 });
  });
  afterAll(async () => {
    await jsm.streams.delete(stream);
    await nc.close();
  });

  function endpoint(subject: string): NatsEndpoint {
    return parseEndpointDefinition("dedup", {
      kind: "nats",
      servers: [loopbackServices.nats.url],
      subject: `doppel-dedup.${run}.${subject}`,
      jetstream: true,
    }) as NatsEndpoint;
  }

  async function messages(subject: string): Promise<{ id: string | undefined; data: string }[]> {
    const info = await jsm.streams.info(stream);
    const out: { id: string | undefined; data: string }[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
      if (message?.subject !== `doppel-dedup.${run}.${subject}`) continue;
      out.push({ id: message.header?.get("Nats-Msg-Id"), data: message.string() });
    }
    return out;
  }

  it("stores an event sent twice (also by a new connection, as after a crash) once", async () => {
    const eventId = randomUUID();
    const raw = updateEvent({ twinId: "twice" }).replace(/"id":"[^"]+"/, `"id":"${eventId}"`);
    const event = toDeliveryEvent({
      seq: 7,
      twinId: "twice",
      type: "Microsoft.DigitalTwins.Twin.Update",
      event: raw,
      createdAt: 0,
    });
    const first = new NatsSink(endpoint("twice"));
    expect(await first.send([event])).toEqual([{ ok: true }]);
    expect(await first.send([event])).toEqual([{ ok: true }]);
    await first.close();
    const second = new NatsSink(endpoint("twice"));
    expect(await second.send([event])).toEqual([{ ok: true }]);
    await second.close();
    expect(await messages("twice")).toEqual([{ id: eventId, data: raw }]);
  });

  it("keeps telemetry of two twins that reuse a Message-Id apart", async () => {
    const origin = { source: "localhost:8443", time: "2026-01-01T00:00:00Z", traceparent: "00-1-2-01" };
    const events = ["pump-a", "pump-b"].map((twinId, seq) =>
      toDeliveryEvent({
        seq: seq + 1,
        twinId,
        type: "microsoft.iot.telemetry",
        event: telemetryEvent(origin, { twinId, messageId: "1", dataschema: "dtmi:x:Pump;1", dataJson: "{}" }),
        createdAt: 0,
      }),
    );
    const sink = new NatsSink(endpoint("telemetry"));
    expect(await sink.send(events)).toEqual([{ ok: true }, { ok: true }]);
    expect(await sink.send([events[0]!])).toEqual([{ ok: true }]);
    await sink.close();
    expect(await messages("telemetry")).toEqual([
      { id: "pump-a/1", data: events[0]!.raw },
      { id: "pump-b/1", data: events[1]!.raw },
    ]);
  });

  it("a route redelivering after a lost cursor (a crash) adds nothing to the stream", async () => {
    const data = await openEventTestStore();
    const options = { pollIntervalMs: 50, cursorSaveIntervalMs: 0, log: () => undefined };
    let events = await createEventService(data.store.events, options);
    try {
      await events.putEndpoint("js", {
        kind: "nats",
        servers: loopbackServices.nats.url,
        subject: `doppel-dedup.${run}.route`,
        jetstream: true,
      });
      await events.putRoute("js", { endpointName: "js", filter: "true" });
      const seqs = await data.append(Array.from({ length: 5 }, (_, i) => ({ twinId: `t${i}`, value: i })));
      events.notify();
      await eventually(
        () => data.store.events.getCursor("js"),
        (cursor) => cursor === seqs[4],
      );
      const delivered = await messages("route");
      expect(delivered.map((m) => m.data)).toEqual(
        await Promise.all(seqs.map(async (seq) => (await data.store.events.readOutbox(seq - 1, 1))[0]!.event)),
      );
      await events.stop();
      // The crash: the cursor was never saved past the batch, so the next start sends it all again.
      // (Cursors only move forward: the route is stored again, its cursor before the batch.)
      await data.store.events.deleteRoute("js");
      await data.store.events.putRoute({ id: "js", endpointName: "js", filter: "true" }, seqs[0]! - 1, Date.now());
      expect(await data.store.events.getCursor("js")).toBe(seqs[0]! - 1);
      events = await createEventService(data.store.events, options);
      await eventually(
        () => data.store.events.getCursor("js"),
        (cursor) => cursor === seqs[4],
      );
      expect(delivered).toHaveLength(5);
      expect(await messages("route")).toEqual(delivered);
    } finally {
      await events.stop();
      await data.close();
    }
  });
});
