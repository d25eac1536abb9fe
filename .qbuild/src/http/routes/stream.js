import { WebSocketServer } from "ws";
import { DoppelError, isDoppelError } from "../../errors/catalogue.js";
import { compileFilter } from "../../events/filter/compileFilter.js";
const streamPath = "/events/stream";
const socketPath = "/events/ws";
/**
 * Live streams of committed events, selected by a route filter: Server-Sent Events at
 * `GET /events/stream?filter=…` and a WebSocket at `/events/ws?filter=…`. Each event carries its
 * outbox seq (SSE `id:`), so a client resumes with `Last-Event-ID` (or `?lastEventId=`) and gets
 * everything committed after it, within the outbox retention window.
 */
export function streamRoutes(app, services) {
    const events = services.events;
    const open = new Set();
    // Streams never end by themselves: close them before the server waits for requests to finish.
    app.addHook("preClose", async () => {
        for (const controller of open)
            controller.abort();
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
        const { filter, afterSeq } = await prepare(events, request.raw, request.query);
        const controller = new AbortController();
        open.add(controller);
        // The response's close, not the request's: a GET request "closes" as soon as it was read.
        reply.raw.on("close", () => controller.abort());
        corsHeaders(events, request.headers.origin, reply);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
            ...reply.getHeaders(),
            "content-type": "text/event-stream; charset=utf-8",
            "cache-control": "no-cache",
            connection: "keep-alive",
            "x-accel-buffering": "no",
        });
        raw.write(": connected\n\n");
        const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), events.config.heartbeatMs);
        try {
            await events.streams.run({
                filter,
                afterSeq,
                signal: controller.signal,
                send: (e) => write(raw, sseFrame(e), controller.signal),
            });
        }
        catch (error) {
            if (!controller.signal.aborted)
                request.log.error({ err: error }, "event stream failed");
        }
        finally {
            clearInterval(heartbeat);
            open.delete(controller);
            raw.end();
        }
    });
    const sockets = new WebSocketServer({ noServer: true });
    app.server.on("upgrade", (request, socket, head) => {
        const url = new URL(request.url ?? "/", "http://localhost");
        if (url.pathname !== socketPath)
            return;
        const query = Object.fromEntries(url.searchParams);
        prepare(events, request, query).then(({ filter, afterSeq }) => sockets.handleUpgrade(request, socket, head, (ws) => {
            const controller = new AbortController();
            open.add(controller);
            ws.on("close", () => controller.abort());
            ws.on("error", () => controller.abort());
            const send = (e) => new Promise((resolve) => ws.send(`{"seq":${e.seq},"event":${e.raw}}`, () => resolve()));
            events.streams
                .run({ filter, afterSeq, signal: controller.signal, send })
                .catch(() => undefined)
                .finally(() => {
                open.delete(controller);
                ws.close(1001);
            });
        }), (error) => refuseUpgrade(socket, error));
    });
}
async function prepare(events, request, query) {
    const authorize = events.config.authorizeStream;
    if (authorize && !(await authorize({ headers: request.headers }))) {
        throw new DoppelError("Forbidden", "This identity may not subscribe to live events.");
    }
    const filterText = query.filter === undefined ? "true" : query.filter;
    if (typeof filterText !== "string") {
        throw new DoppelError("InvalidArgument", "The query parameter filter must be given once.");
    }
    const filter = compileFilter(filterText);
    const resumeFrom = request.headers["last-event-id"] ?? query.lastEventId;
    if (resumeFrom === undefined)
        return { filter, afterSeq: await events.streams.latestSeq() };
    if (typeof resumeFrom !== "string" || !/^[0-9]{1,15}$/.test(resumeFrom.trim())) {
        throw new DoppelError("InvalidArgument", "Last-Event-ID must be the id (an outbox sequence number) of an event.");
    }
    return { filter, afterSeq: Number(resumeFrom.trim()) };
}
function sseFrame(e) {
    // JSON.stringify never emits raw newlines, but a stored event might have been pretty-printed.
    const data = e.raw.includes("\n") ? e.raw.split("\n").join("\ndata: ") : e.raw;
    return `id: ${e.seq}\nevent: ${e.type}\ndata: ${data}\n\n`;
}
function write(raw, text, signal) {
    if (raw.write(text))
        return Promise.resolve();
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
function corsHeaders(events, origin, reply) {
    const allowed = events.config.corsOrigins;
    if (origin === undefined || allowed.length === 0)
        return;
    if (allowed.includes("*"))
        reply.header("access-control-allow-origin", "*");
    else if (allowed.includes(origin))
        reply.header("access-control-allow-origin", origin).header("vary", "origin");
}
function refuseUpgrade(socket, error) {
    const mapped = isDoppelError(error) ? error : new DoppelError("InternalServerError", "The stream could not start.");
    const body = JSON.stringify({ error: { code: mapped.code, message: mapped.message } });
    socket.end(`HTTP/1.1 ${mapped.status} ${mapped.status === 403 ? "Forbidden" : "Bad Request"}\r\n` +
        `content-type: application/json; charset=utf-8\r\nx-ms-error-code: ${mapped.code}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
//# sourceMappingURL=stream.js.map