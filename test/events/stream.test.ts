import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { openSseStream } from "../support/sseClient.js";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";

let h: EventHarness;
beforeAll(async () => {
  h = await startEventHarness({
    events: {
      corsOrigins: ["https://explorer.example"],
      heartbeatMs: 100,
      // The access-control hook: a header stands in for a real identity here.
      authorizeStream: (request) => request.headers["x-deny"] === undefined,
    },
  });
});
afterAll(async () => {
  await h.close();
});

/** Opens an SSE stream and collects its frames and comments until closed. */
function openStream(path: string, headers: Record<string, string> = {}) {
  return openSseStream(h.url + path, headers);
}

/** The opaque id the streams give the event of `seq`. */
function idOf(seq: number): string {
  return h.events.streams.ids.encode(seq);
}

async function rawOf(seq: number): Promise<string> {
  return (await h.store.events.readOutbox(seq - 1, 1))[0]!.event;
}

describe("live stream over SSE", () => {
  it("streams committed events matching the filter, with an opaque id", async () => {
    await h.commit([{ twinId: "before" }]); // before the subscription: not sent
    const stream = await openStream(`/events/stream?filter=${encodeURIComponent("subject != 'skip'")}`, {
      origin: "https://explorer.example",
    });
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.response.headers.get("cache-control")).toBe("no-cache");
    expect(stream.response.headers.get("access-control-allow-origin")).toBe("https://explorer.example");
    const seqs = await h.commit([{ twinId: "one" }, { twinId: "skip" }, { twinId: "two" }]);
    await eventually(
      () => stream.frames.length,
      (n) => n >= 2,
    );
    await eventually(
      () => stream.comments.filter((c) => c === ": keep-alive").length,
      (n) => n >= 1,
    );
    await stream.close();
    expect(stream.frames).toEqual([
      { id: idOf(seqs[0]!), event: "Microsoft.DigitalTwins.Twin.Update", data: await rawOf(seqs[0]!) },
      { id: idOf(seqs[2]!), event: "Microsoft.DigitalTwins.Twin.Update", data: await rawOf(seqs[2]!) },
    ]);
    expect(stream.comments[0]).toBe(": connected");
  });

  it("resumes after a disconnect from Last-Event-ID", async () => {
    const first = await openStream("/events/stream");
    const [a] = await h.commit([{ twinId: "r1" }]);
    await eventually(
      () => first.frames.length,
      (n) => n >= 1,
    );
    await first.close();
    const missed = await h.commit([{ twinId: "r2" }, { twinId: "r3" }]);
    expect(first.frames[0]!.id).toBe(idOf(a!));
    const resumed = await openStream("/events/stream", { "last-event-id": first.frames[0]!.id! });
    await eventually(
      () => resumed.frames.length,
      (n) => n >= 2,
    );
    const [b] = await h.commit([{ twinId: "r4" }]);
    await eventually(
      () => resumed.frames.length,
      (n) => n >= 3,
    );
    await resumed.close();
    expect(resumed.frames.map((f) => f.id)).toEqual([...missed, b!].map(idOf));
    const viaQuery = await openStream(`/events/stream?lastEventId=${resumed.frames[0]!.id}`);
    await eventually(
      () => viaQuery.frames.length,
      (n) => n >= 2,
    );
    await viaQuery.close();
    expect(viaQuery.frames.map((f) => f.id)).toEqual([missed[1]!, b!].map(idOf));
  });

  it("rejects a bad filter or Last-Event-ID with a 400 before streaming", async () => {
    const bad = await h.request("GET", `/events/stream?filter=${encodeURIComponent("type ==")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("EventRouteFilterInvalid");
    const badId = await h.request("GET", "/events/stream", { headers: { "last-event-id": "x" } });
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe("LastEventIdInvalid");
  });

  it("asks the access-control hook", async () => {
    const denied = await h.request("GET", "/events/stream", { headers: { "x-deny": "1" } });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: { code: "Forbidden", message: "This identity may not subscribe to live events." },
    });
  });

  it("answers CORS preflights for allowed origins only", async () => {
    const allowed = await h.request("OPTIONS", "/events/stream", {
      headers: { origin: "https://explorer.example", "access-control-request-method": "GET" },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://explorer.example");
    expect(allowed.headers.get("access-control-allow-headers")).toBe("last-event-id, authorization");
    const other = await h.request("OPTIONS", "/events/stream", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("counts open streams in the metrics", async () => {
    const stream = await openStream("/events/stream");
    await eventually(
      async () => (await h.request("GET", "/metrics")).text,
      (text) => text.includes("doppel_events_streams 1\n"),
    );
    await stream.close();
    await eventually(
      async () => (await h.request("GET", "/metrics")).text,
      (text) => text.includes("doppel_events_streams 0\n"),
    );
  });
});

describe("live stream over WebSocket", () => {
  it("sends {type, id, event} messages, filtered, and resumes from lastEventId", async () => {
    const wsUrl = `${h.url.replace("https", "wss")}/events/ws?filter=${encodeURIComponent("subject = 'ws'")}`;
    const socket = new WebSocket(wsUrl);
    const got: { type: string; id: string; event: unknown }[] = [];
    socket.on("message", (data) => got.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const seqs = await h.commit([{ twinId: "ws" }, { twinId: "other" }, { twinId: "ws" }]);
    await eventually(
      () => got.length,
      (n) => n >= 2,
    );
    expect(got).toEqual([
      { type: "event", id: idOf(seqs[0]!), event: JSON.parse(await rawOf(seqs[0]!)) },
      { type: "event", id: idOf(seqs[2]!), event: JSON.parse(await rawOf(seqs[2]!)) },
    ]);
    socket.close();
    const resumed = new WebSocket(`${wsUrl}&lastEventId=${got[0]!.id}`);
    const again: { id: string }[] = [];
    resumed.on("message", (data) => again.push(JSON.parse(data.toString())));
    await eventually(
      () => again.length,
      (n) => n >= 1,
    );
    expect(again.map((m) => m.id)).toEqual([idOf(seqs[2]!)]);
    resumed.close();
  });

  it("refuses the upgrade with the error envelope", async () => {
    const socket = new WebSocket(`${h.url.replace("https", "wss")}/events/ws?filter=nope`);
    const status = await new Promise<number>((resolve) => {
      socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.on("error", () => resolve(-1));
    });
    expect(status).toBe(400);
  });
});
