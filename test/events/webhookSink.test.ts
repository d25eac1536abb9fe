import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DeliveryEvent, toDeliveryEvent } from "../../src/events/delivery/deliveryEvent.js";
import { parseEndpointDefinition } from "../../src/events/endpoints/parseEndpointDefinition.js";
import { createSink } from "../../src/events/sinks/createSink.js";
import type { Sink } from "../../src/events/sinks/sink.js";

/** A receiver whose answer per path is chosen by the test: a status, or never (hang). */
let server: Server;
let base: string;
const sockets = new Set<Socket>();
const received: string[] = [];

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      received.push(`${request.url} ${body}`);
      if (request.url === "/hang") return;
      if (request.url === "/stall-body") {
        // The status line and part of a body, then nothing.
        response.writeHead(200, { "content-length": "100" });
        response.write("partial");
        return;
      }
      response.statusCode = request.url === "/fail" ? 500 : 204;
      response.end();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function event(seq: number, twinId: string): DeliveryEvent {
  return toDeliveryEvent({
    seq,
    twinId,
    type: "Microsoft.DigitalTwins.Twin.Update",
    event: JSON.stringify({
      specversion: "1.0",
      id: `e${seq}`,
      type: "Microsoft.DigitalTwins.Twin.Update",
      subject: twinId,
    }),
    createdAt: 0,
  });
}

function sinkFor(path: string, timeoutMs = 5000): Sink {
  return createSink(parseEndpointDefinition("hooks", { kind: "webhook", url: `${base}${path}`, timeoutMs }));
}

describe("webhook sink", () => {
  it("answers one outcome per event: delivered on 2xx, the status otherwise", async () => {
    const ok = sinkFor("/ok");
    const failing = sinkFor("/fail");
    try {
      expect(await ok.send([event(1, "a"), event(2, "b")])).toEqual([{ ok: true }, { ok: true }]);
      expect(await failing.send([event(3, "a")])).toEqual([{ ok: false, error: `HTTP 500 from ${base}/fail` }]);
    } finally {
      await ok.close();
      await failing.close();
    }
  });

  it("gives up on an answer after the endpoint's timeout, with a message saying so", async () => {
    const sink = sinkFor("/hang", 150);
    try {
      const started = performance.now();
      const outcomes = await sink.send([event(4, "a")]);
      const elapsed = performance.now() - started;
      expect(outcomes).toEqual([{ ok: false, error: `no response from ${base}/hang within 150 ms` }]);
      expect(elapsed).toBeGreaterThanOrEqual(145);
      expect(elapsed).toBeLessThan(2000);
    } finally {
      await sink.close();
    }
  });

  it("decides on the status line, but a body that stalls does not hold the connection past the deadline", async () => {
    const sink = sinkFor("/stall-body", 200);
    try {
      const connectedBefore = sockets.size;
      expect(await sink.send([event(9, "a")])).toEqual([{ ok: true }]);
      expect(sockets.size).toBe(connectedBefore + 1);
      const started = performance.now();
      while (sockets.size > connectedBefore && performance.now() - started < 3000) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(sockets.size).toBe(connectedBefore);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await sink.close();
    }
  });

  it("a twin's later events are not attempted after its failure; other twins go on", async () => {
    const sink = sinkFor("/fail");
    const before = received.length;
    try {
      const outcomes = await sink.send([event(5, "a"), event(6, "a")]);
      expect(outcomes).toEqual([
        { ok: false, error: `HTTP 500 from ${base}/fail` },
        { ok: false, error: `not attempted: an earlier event of this twin failed (HTTP 500 from ${base}/fail)` },
      ]);
      expect(received.length - before).toBe(1);
    } finally {
      await sink.close();
    }
  });

  it("close() ends requests still waiting for an answer at once, and later sends are not sent", async () => {
    const sink = sinkFor("/hang", 60_000);
    const pending = sink.send([event(7, "a")]);
    while (!received.some((line) => line.startsWith("/hang") && line.includes('"e7"'))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const started = performance.now();
    await sink.close();
    const [outcome] = await pending;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome).toEqual({ ok: false, error: `POST ${base}/hang failed: socket hang up` });
    expect(await sink.send([event(8, "a")])).toEqual([
      { ok: false, error: `POST ${base}/hang not sent: the sink is closed` },
    ]);
  });
});
