import { connect as connectTls } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { StreamIds } from "../../src/events/stream/streamIds.js";
import { openSseStream } from "../support/sseClient.js";
import { type EventHarness, eventually, startEventHarness } from "./support/eventHarness.js";

let h: EventHarness;
beforeAll(async () => {
  h = await startEventHarness({
    events: {
      heartbeatMs: 60_000,
      // A caller scoped to part of the graph: a header stands in for its identity here.
      authorizeStream: (request) =>
        request.headers["x-scoped"] === undefined
          ? true
          : { visible: async (events) => events.map((e) => !String(e.twinId).startsWith("hidden")) },
    },
  });
});
afterAll(async () => {
  await h.close();
});

/** Opens an SSE stream and collects its frames (comments dropped) until closed. */
function openStream(path: string, headers: Record<string, string> = {}) {
  return openSseStream(h.url + path, headers, { comments: false, repeatedFields: "last" });
}

async function rawOf(seq: number): Promise<string> {
  return (await h.store.events.readOutbox(seq - 1, 1))[0]!.event;
}

function idOf(seq: number): string {
  return h.events.streams.ids.encode(seq);
}

/** Bits that differ between the 16 bytes two ids stand for. */
function bitsApart(a: string, b: string): number {
  const x = Buffer.from(a, "base64url");
  const y = Buffer.from(b, "base64url");
  let bits = 0;
  for (let i = 0; i < 16; i++) {
    let d = x[i]! ^ y[i]!;
    while (d) {
      bits += d & 1;
      d >>= 1;
    }
  }
  return bits;
}

const gapMessage =
  "Events after the requested position were removed from the outbox (retention window); " +
  "some may be missing. The stream continues with the oldest event still retained.";

describe("opaque stream ids", () => {
  it("do not tell a scoped subscriber how many hidden changes happened, and still resume", async () => {
    const stream = await openStream("/events/stream", { "x-scoped": "1" });
    const [first] = await h.commit([{ twinId: "visible-1" }]);
    const hidden = await h.commit(Array.from({ length: 20 }, (_, i) => ({ twinId: `hidden-${i}` })));
    const [second] = await h.commit([{ twinId: "visible-2" }]);
    await eventually(
      () => stream.frames.length,
      (n) => n >= 2,
    );
    await stream.close();
    expect(stream.frames).toEqual([
      { id: idOf(first!), event: "Microsoft.DigitalTwins.Twin.Update", data: await rawOf(first!) },
      { id: idOf(second!), event: "Microsoft.DigitalTwins.Twin.Update", data: await rawOf(second!) },
    ]);
    const [a, b] = stream.frames.map((f) => f.id!);
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(b).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // 20 hidden changes between them; yet the two ids are as far apart as those of neighbours.
    expect(second! - first!).toBe(hidden.length + 1);
    const pairs: [string, string][] = [
      [a!, b!],
      [idOf(first!), idOf(first! + 1)],
      [idOf(hidden[0]!), idOf(hidden[1]!)],
    ];
    for (const [x, y] of pairs) {
      expect(bitsApart(x, y)).toBeGreaterThan(30);
      expect(bitsApart(x, y)).toBeLessThan(98);
    }

    const resumed = await openStream("/events/stream", { "x-scoped": "1", "last-event-id": a! });
    const [third] = await h.commit([{ twinId: "visible-3" }]);
    await eventually(
      () => resumed.frames.length,
      (n) => n >= 2,
    );
    await resumed.close();
    expect(resumed.frames.map((f) => f.id)).toEqual([b, idOf(third!)]);
  });

  it("answers a forged, garbled or numeric Last-Event-ID with 400 LastEventIdInvalid", async () => {
    const [seq] = await h.commit([{ twinId: "x" }]);
    const good = idOf(seq!);
    const garbled = `${good.slice(0, 5)}${good[5] === "A" ? "B" : "A"}${good.slice(6)}`;
    const body = {
      error: {
        code: "LastEventIdInvalid",
        message: "Last-Event-ID (or lastEventId) must be the id of an event or gap this service sent on a live stream.",
      },
    };
    for (const id of [String(seq), garbled, new StreamIds().encode(seq!), `${good}x`, ""]) {
      const res = await h.request("GET", `/events/stream?lastEventId=${encodeURIComponent(id)}`);
      expect(res.status, id).toBe(400);
      expect(res.body).toEqual(body);
      const header = await h.request("GET", "/events/stream", { headers: { "last-event-id": id } });
      expect(header.status, id).toBe(400);
      expect(header.headers.get("x-ms-error-code")).toBe("LastEventIdInvalid");
    }
    const socket = new WebSocket(`${h.url.replace("https", "wss")}/events/ws?lastEventId=${garbled}`);
    const status = await new Promise<number>((resolve) => {
      socket.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      socket.on("error", () => resolve(-1));
    });
    expect(status).toBe(400);
  });
});

describe("resuming after the outbox was trimmed", () => {
  it("SSE: sends event `gap` with the position to resume from, then the oldest retained events", async () => {
    const stream = await openStream("/events/stream");
    const [e1] = await h.commit([{ twinId: "g1" }]);
    await eventually(
      () => stream.frames.length,
      (n) => n >= 1,
    );
    await stream.close();
    const [e2, e3] = await h.commit([{ twinId: "g2" }, { twinId: "g3" }]);
    // Retention removed everything up to e2 (e3 is still there).
    expect(await h.store.events.trimOutbox(e2!, Date.now() + 60_000)).toBeGreaterThanOrEqual(2);

    const resumed = await openStream("/events/stream", { "last-event-id": stream.frames[0]!.id! });
    await eventually(
      () => resumed.frames.length,
      (n) => n >= 2,
    );
    const [e4] = await h.commit([{ twinId: "g4" }]);
    await eventually(
      () => resumed.frames.length,
      (n) => n >= 3,
    );
    await resumed.close();
    expect(resumed.frames).toEqual([
      { id: idOf(e2!), event: "gap", data: JSON.stringify({ type: "gap", id: idOf(e2!), message: gapMessage }) },
      { id: idOf(e3!), event: "Microsoft.DigitalTwins.Twin.Update", data: await rawOf(e3!) },
      { id: idOf(e4!), event: "Microsoft.DigitalTwins.Twin.Update", data: await rawOf(e4!) },
    ]);
    expect(e1).toBeLessThan(e2!);

    // Resuming from the gap's id (nothing trimmed since): no gap, the events after it.
    const again = await openStream("/events/stream", { "last-event-id": resumed.frames[0]!.id! });
    await eventually(
      () => again.frames.length,
      (n) => n >= 2,
    );
    await again.close();
    expect(again.frames.map((f) => f.id)).toEqual([idOf(e3!), idOf(e4!)]);
  });

  it("WebSocket: {type: gap} when everything after the position is gone, then new events", async () => {
    const [e1, e2] = await h.commit([{ twinId: "w1" }, { twinId: "w2" }]);
    await h.store.events.trimOutbox(e2!, Date.now() + 60_000);
    expect(await h.store.events.oldestSeq()).toBeUndefined();
    const socket = new WebSocket(`${h.url.replace("https", "wss")}/events/ws?lastEventId=${idOf(e1!)}`);
    const got: unknown[] = [];
    socket.on("message", (data) => got.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    await eventually(
      () => got.length,
      (n) => n >= 1,
    );
    const [e3] = await h.commit([{ twinId: "w3" }]);
    await eventually(
      () => got.length,
      (n) => n >= 2,
    );
    socket.close();
    expect(got).toEqual([
      { type: "gap", id: idOf(e2!), message: gapMessage },
      { type: "event", id: idOf(e3!), event: JSON.parse(await rawOf(e3!)) },
    ]);
  });

  it("a position still retained resumes without a gap", async () => {
    const [e1, e2] = await h.commit([{ twinId: "k1" }, { twinId: "k2" }]);
    const stream = await openStream("/events/stream", { "last-event-id": idOf(e1!) });
    await eventually(
      () => stream.frames.length,
      (n) => n >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stream.close();
    expect(stream.frames).toEqual([
      { id: idOf(e2!), event: "Microsoft.DigitalTwins.Twin.Update", data: await rawOf(e2!) },
    ]);
  });
});

describe("a WebSocket upgrade on an unknown path", () => {
  it("is answered 404 in the error envelope and the socket closed", async () => {
    const { port } = new URL(h.url);
    const socket = connectTls({
      host: "127.0.0.1",
      port: Number(port),
      servername: "localhost",
      rejectUnauthorized: false,
    });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    const closed = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no answer within 5 s: the upgrade hangs")), 5000);
      socket.on("close", () => {
        clearTimeout(timer);
        resolve("closed");
      });
    });
    await new Promise((resolve) => socket.once("secureConnect", resolve));
    socket.write(
      "GET /events/nope?filter=true HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    expect(await closed).toBe("closed");
    const body = JSON.stringify({
      error: { code: "RouteNotFound", message: "No WebSocket endpoint at /events/nope." },
    });
    expect(Buffer.concat(chunks).toString("utf8")).toBe(
      "HTTP/1.1 404 Not Found\r\ncontent-type: application/json; charset=utf-8\r\nx-ms-error-code: RouteNotFound\r\n" +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
});
