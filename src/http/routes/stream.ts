import { type IncomingMessage, STATUS_CODES } from "node:http";
import { type Duplex, finished } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import { WebSocketServer } from "ws";
import { DoppelError, isDoppelError } from "../../errors/catalogue.js";
import type { EventService } from "../../events/eventService.js";
import { compileFilter } from "../../events/filter/compileFilter.js";
import type { StreamMessage, Subscription } from "../../events/stream/liveStreams.js";
import type { Services } from "../services.js";

const streamPath = "/events/stream";
const socketPath = "/events/ws";

/**
 * Live streams of committed events, selected by a route filter: Server-Sent Events at
 * `GET /events/stream?filter=…` and a WebSocket at `/events/ws?filter=…`. Each event carries an
 * opaque id (SSE `id:`), so a client resumes with `Last-Event-ID` (or `?lastEventId=`) and gets
 * everything committed after it; when that was trimmed from the outbox, a `gap` message says so
 * first.
 */
export function streamRoutes(app: FastifyInstance, services: Services): void {
  const events = services.events;
  const open = new Set<AbortController>();
  /** SSE responses not yet finished. */
  const running = new Set<Promise<void>>();
  // Streams never end by themselves: close them before the server waits for requests to finish,
  // and wait for their responses to finish. One still busy (say, in a PostgreSQL read) when the
  // server closes its idle connections would keep its connection open in keep-alive until the
  // client drops it (4 s for fetch), holding up the close.
  app.addHook("preClose", async () => {
    for (const controller of open) controller.abort();
    await Promise.all(running);
  });

  app.options(streamPath, { config: { skipApiVersion: true } }, async (request, reply) => {
    corsHeaders(events, request.headers.origin, reply);
    return reply
      .code(204)
      .header("access-control-allow-methods", "GET")
      .header("access-control-allow-headers", "last-event-id, authorization")
      .header("access-control-max-age", "600")
      .send();
  });

  app.get(streamPath, { config: { skipApiVersion: true } }, async (request, reply) => {
    const { filter, afterSeq, resumed, visible } = await prepare(
      events,
      request.raw,
      request.query as Record<string, unknown>,
    );
    const controller = new AbortController();
    open.add(controller);
    // The response's close, not the request's: a GET request "closes" as soon as it was read.
    reply.raw.on("close", () => controller.abort());
    corsHeaders(events, request.headers.origin, reply);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    raw.write(": connected\n\n");
    const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), events.config.heartbeatMs);
    const finishedResponse = new Promise<void>((resolve) => finished(raw, () => resolve()));
    running.add(finishedResponse);
    void finishedResponse.then(() => running.delete(finishedResponse));
    try {
      await events.streams.run({
        filter,
        afterSeq,
        resumed,
        signal: controller.signal,
        send: (message) => write(raw, sseFrame(message), controller.signal),
        ...(visible ? { visible } : {}),
      });
    } catch (error) {
      if (!controller.signal.aborted) request.log.error({ err: error }, "event stream failed");
    } finally {
      clearInterval(heartbeat);
      open.delete(controller);
      raw.end();
    }
  });

  const sockets = new WebSocketServer({ noServer: true });
  app.server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname !== socketPath) {
      refuseUpgrade(socket, new DoppelError("RouteNotFound", `No WebSocket endpoint at ${url.pathname}.`));
      return;
    }
    const query = Object.fromEntries(url.searchParams);
    prepare(events, request, query, request.socket.remoteAddress).then(
      ({ filter, afterSeq, resumed, visible }) =>
        sockets.handleUpgrade(request, socket, head, (ws) => {
          const controller = new AbortController();
          open.add(controller);
          ws.on("close", () => controller.abort());
          ws.on("error", () => controller.abort());
          const send = (message: StreamMessage) =>
            new Promise<void>((resolve) => ws.send(socketMessage(message), () => resolve()));
          events.streams
            .run({ filter, afterSeq, resumed, signal: controller.signal, send, ...(visible ? { visible } : {}) })
            .catch(() => undefined)
            .finally(() => {
              open.delete(controller);
              ws.close(1001);
            });
        }),
      (error: unknown) => refuseUpgrade(socket, error),
    );
  });
}

interface Prepared {
  readonly filter: ReturnType<typeof compileFilter>;
  readonly afterSeq: number;
  readonly resumed: boolean;
  readonly visible?: Subscription["visible"];
}

async function prepare(
  events: EventService,
  request: IncomingMessage,
  query: Record<string, unknown>,
  upgradeAddress?: string,
): Promise<Prepared> {
  const authorize = events.config.authorizeStream;
  const grant = authorize ? await authorize({ headers: request.headers, remoteAddress: upgradeAddress }) : true;
  if (grant === false) {
    throw new DoppelError("Forbidden", "This identity may not subscribe to live events.");
  }
  const visible = grant === true ? {} : { visible: grant.visible };
  return { ...(await position(events, request, query)), ...visible };
}

async function position(
  events: EventService,
  request: IncomingMessage,
  query: Record<string, unknown>,
): Promise<{ filter: ReturnType<typeof compileFilter>; afterSeq: number; resumed: boolean }> {
  const filterText = query.filter === undefined ? "true" : query.filter;
  if (typeof filterText !== "string") {
    throw new DoppelError("InvalidArgument", "The query parameter filter must be given once.");
  }
  const filter = compileFilter(filterText);
  const resumeFrom = request.headers["last-event-id"] ?? query.lastEventId;
  if (resumeFrom === undefined) return { filter, afterSeq: await events.streams.latestSeq(), resumed: false };
  const afterSeq = typeof resumeFrom === "string" ? events.streams.ids.decode(resumeFrom.trim()) : undefined;
  if (afterSeq === undefined) {
    throw new DoppelError(
      "LastEventIdInvalid",
      "Last-Event-ID (or lastEventId) must be the id of an event or gap this service sent on a live stream.",
    );
  }
  return { filter, afterSeq, resumed: true };
}

const gapMessage =
  "Events after the requested position were removed from the outbox (retention window); " +
  "some may be missing. The stream continues with the oldest event still retained.";

function sseFrame(message: StreamMessage): string {
  if (message.kind === "gap") {
    return `id: ${message.id}\nevent: gap\ndata: {"type":"gap","id":"${message.id}","message":"${gapMessage}"}\n\n`;
  }
  const e = message.event;
  // JSON.stringify never emits raw newlines, but a stored event might have been pretty-printed.
  const data = e.raw.includes("\n") ? e.raw.split("\n").join("\ndata: ") : e.raw;
  return `id: ${message.id}\nevent: ${e.type}\ndata: ${data}\n\n`;
}

function socketMessage(message: StreamMessage): string {
  if (message.kind === "gap") return `{"type":"gap","id":"${message.id}","message":"${gapMessage}"}`;
  return `{"type":"event","id":"${message.id}","event":${message.event.raw}}`;
}

function write(raw: FastifyReply["raw"], text: string, signal: AbortSignal): Promise<void> {
  if (raw.write(text)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      raw.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    raw.on("drain", done);
    signal.addEventListener("abort", done);
  });
}

function corsHeaders(events: EventService, origin: string | undefined, reply: FastifyReply): void {
  const allowed = events.config.corsOrigins;
  if (origin === undefined || allowed.length === 0) return;
  if (allowed.includes("*")) reply.header("access-control-allow-origin", "*");
  else if (allowed.includes(origin)) reply.header("access-control-allow-origin", origin).header("vary", "origin");
}

function refuseUpgrade(socket: Duplex, error: unknown): void {
  const mapped = isDoppelError(error) ? error : new DoppelError("InternalServerError", "The stream could not start.");
  const body = JSON.stringify({ error: { code: mapped.code, message: mapped.message } });
  socket.on("error", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${mapped.status} ${STATUS_CODES[mapped.status] ?? "Error"}\r\n` +
      `content-type: application/json; charset=utf-8\r\nx-ms-error-code: ${mapped.code}\r\n` +
      Object.entries(mapped.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("") +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
