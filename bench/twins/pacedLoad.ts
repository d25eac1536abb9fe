/**
 * An open-loop load at a steady rate over keep-alive TLS connections, for latency at a given
 * throughput. autocannon cannot measure that: its `overallRate` lets each connection send flat
 * out until it has made its share of the second, then idle until the next second (a burst at full
 * speed, not a steady rate), and its coordinated-omission correction assumes a 1 ms interval
 * between requests whatever the rate, which multiplies every slow answer in the histogram.
 *
 * Here request k is due at `start + k / rate`; it goes out on the first idle connection, and its
 * latency runs from when it was due (a request that waits for a connection counts that wait, so
 * a stall is not hidden). One request in flight per connection; answers must carry a
 * Content-Length or have none (204, 304), as both servers under test do.
 */
import { connect, type TLSSocket } from "node:tls";
import { percentile } from "../support/statistics.js";

export interface PacedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface PacedLoadOptions {
  readonly url: string;
  readonly ca: string;
  readonly connections: number;
  /** Requests per second. */
  readonly rate: number;
  readonly seconds: number;
  readonly next: () => PacedRequest;
}

export interface PacedLoadResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly failures: number;
}

interface Connection {
  readonly socket: TLSSocket;
  busy: boolean;
  due: number;
  buffer: Buffer;
}

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const { hostname, port } = new URL(options.url);
  const host = `${hostname}:${port}`;
  const connections = await Promise.all(
    Array.from({ length: options.connections }, () => open(hostname, Number(port), options.ca)),
  );
  const latencies: number[] = [];
  let failures = 0;
  const idle: Connection[] = [...connections];
  const queue: number[] = []; // due times of requests waiting for a connection
  const total = Math.round(options.rate * options.seconds);
  let start = 0;
  let scheduled = 0;

  // Built before the clock starts, so the client spends its time sending, not formatting.
  const requests = Array.from({ length: Math.min(total, 4096) }, () => encode(options.next(), host));
  let sent = 0;
  const send = (connection: Connection, due: number) => {
    connection.busy = true;
    connection.due = due;
    connection.socket.write(requests[sent++ % requests.length]!);
  };

  await new Promise<void>((resolve, reject) => {
    let finished = 0;
    const complete = (connection: Connection, ok: boolean) => {
      latencies.push(performance.now() - connection.due);
      if (!ok) failures++;
      connection.busy = false;
      finished++;
      const waiting = queue.shift();
      if (waiting !== undefined) send(connection, waiting);
      else idle.push(connection);
      if (finished === total) resolve();
    };
    for (const connection of connections) {
      connection.socket.on("data", (chunk: Buffer) => {
        connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
        for (;;) {
          const answer = parseAnswer(connection.buffer);
          if (answer === null) return;
          connection.buffer = connection.buffer.subarray(answer.length);
          if (connection.busy) complete(connection, answer.status >= 200 && answer.status < 300);
        }
      });
      connection.socket.on("error", reject);
      connection.socket.on("close", () => {
        if (finished < total) reject(new Error("pacedLoad: the server closed a connection"));
      });
    }
    start = performance.now() + 5;
    const tick = () => {
      const now = performance.now();
      while (scheduled < total && start + (scheduled * 1000) / options.rate <= now) {
        const due = start + (scheduled * 1000) / options.rate;
        scheduled++;
        const connection = idle.pop();
        if (connection === undefined) queue.push(due);
        else send(connection, due);
      }
      if (scheduled < total) setTimeout(tick, 1);
    };
    setTimeout(tick, 5);
  });
  const elapsed = performance.now() - start;
  for (const connection of connections) connection.socket.destroy();
  return {
    perSecond: Math.round((latencies.length * 1000) / elapsed),
    p50: Math.round(percentile(latencies, 0.5)),
    p99: Math.round(percentile(latencies, 0.99)),
    max: Math.round(percentile(latencies, 1)),
    failures,
  };
}

function encode(request: PacedRequest, host: string): Buffer {
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(request.headers ?? {})) head += `${name}: ${value}\r\n`;
  if (body !== undefined) head += `content-length: ${body.length}\r\n`;
  const headBytes = Buffer.from(`${head}\r\n`, "latin1");
  return body === undefined ? headBytes : Buffer.concat([headBytes, body]);
}

function open(host: string, port: number, ca: string): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, ca, servername: host === "127.0.0.1" ? undefined : host }, () =>
      resolve({ socket, busy: false, due: 0, buffer: Buffer.alloc(0) }),
    );
    socket.setNoDelay(true);
    socket.once("error", reject);
  });
}

/** One complete answer at the start of `buffer`: its status and length in bytes; null if incomplete. */
function parseAnswer(buffer: Buffer): { status: number; length: number } | null {
  const end = buffer.indexOf(headEnd);
  if (end < 0) return null;
  // "HTTP/1.1 200 OK": the status is bytes 9 to 11.
  const status = (buffer[9]! - 48) * 100 + (buffer[10]! - 48) * 10 + (buffer[11]! - 48);
  const at = buffer.indexOf(contentLength); // both servers are Fastify: lower-case names
  if (buffer.indexOf(transferEncoding) >= 0 && buffer.indexOf(transferEncoding) < end) {
    throw new Error("pacedLoad: chunked answers are not supported");
  }
  let bodyLength = 0;
  if (at >= 0 && at < end) {
    for (let i = at + contentLength.length; buffer[i] !== 13; i++) {
      const digit = buffer[i]! - 48;
      if (digit >= 0 && digit <= 9) bodyLength = bodyLength * 10 + digit;
    }
  }
  const length = end + 4 + bodyLength;
  return buffer.length >= length ? { status, length } : null;
}

const headEnd = Buffer.from("\r\n\r\n");
const contentLength = Buffer.from("\r\ncontent-length:");
const transferEncoding = Buffer.from("\r\ntransfer-encoding:");
