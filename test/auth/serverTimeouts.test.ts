import { connect, type TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/testServer.js";

/**
 * The connection timeouts, exercised over real TLS sockets: a client that sends its headers too
 * slowly (slow-loris) and a kept-alive connection left idle are both disconnected by the server.
 */
const headersTimeoutMs = 600;
const keepAliveTimeoutMs = 400;

let t: TestServer;
let port: number;

beforeAll(async () => {
  t = await startTestServer({
    auth: { limits: { headersTimeoutMs, requestTimeoutMs: 5000, keepAliveTimeoutMs, idleTimeoutMs: 10_000 } },
  });
  port = Number(new URL(t.url).port);
});
afterAll(async () => {
  await t.close();
});

interface Connection {
  readonly socket: TLSSocket;
  /** Everything the server sent. */
  received(): string;
  /** Resolves with the time the server closed the connection. */
  readonly closed: Promise<number>;
}

function open(): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, rejectUnauthorized: false });
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      data += chunk;
    });
    const closed = new Promise<number>((done) => socket.once("close", () => done(Date.now())));
    socket.once("error", () => undefined);
    socket.once("secureConnect", () => resolve({ socket, received: () => data, closed }));
    socket.once("close", () => reject(new Error("closed before the TLS handshake finished")));
  });
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("connection timeouts", () => {
  it("disconnects a client that sends its headers too slowly, though bytes keep coming", async () => {
    const connection = await open();
    const started = Date.now();
    connection.socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
    // One header line every 100 ms: never idle, never finished.
    let line = 0;
    const drip = setInterval(() => {
      if (!connection.socket.destroyed) connection.socket.write(`X-Slow-${line++}: y\r\n`);
    }, 100);
    try {
      const closedAt = await connection.closed;
      const elapsed = closedAt - started;
      expect(elapsed).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
      // Checked every headersTimeout / 4 (at most 1 s): closed well before Node's 30 s sweep.
      expect(elapsed).toBeLessThan(headersTimeoutMs + 1500);
      expect(line).toBeGreaterThan(3);
      expect(connection.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    } finally {
      clearInterval(drip);
    }
  });

  it("answers a client that sends its headers in time on a connection of its own", async () => {
    const connection = await open();
    connection.socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    await connection.closed;
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(connection.received()).toContain('{"status":"ok"}');
  });

  it("closes a kept-alive connection left idle after the keep-alive timeout, not before", async () => {
    const connection = await open();
    connection.socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await until(() => connection.received().includes('{"status":"ok"}'));
    const answeredAt = Date.now();
    expect(connection.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(connection.received().toLowerCase()).toContain("connection: keep-alive");
    // Still open halfway through the timeout: a second request on it is answered.
    await new Promise((resolve) => setTimeout(resolve, keepAliveTimeoutMs / 2));
    expect(connection.socket.destroyed).toBe(false);
    const before = connection.received().length;
    connection.socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await until(() => connection.received().slice(before).includes('{"status":"ok"}'));
    const secondAt = Date.now();
    const closedAt = await connection.closed;
    expect(secondAt - answeredAt).toBeLessThan(keepAliveTimeoutMs + 500);
    expect(closedAt - secondAt).toBeGreaterThanOrEqual(keepAliveTimeoutMs - 50);
    expect(closedAt - secondAt).toBeLessThan(keepAliveTimeoutMs + 1500);
  });
});
