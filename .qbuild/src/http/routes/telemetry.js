import { isRfc3339DateTime } from "../../dtdl/valueValidation/rfc3339.js";
import { DoppelError } from "../../errors/catalogue.js";
import { changeOrigin, headerOf } from "./twins.js";
/**
 * `POST /digitaltwins/{id}/telemetry` and `POST /digitaltwins/{id}/components/{path}/telemetry`:
 * `Message-Id` required (it becomes the event id), `Telemetry-Source-Time` optional (the event
 * time), any JSON body, 204. Nothing is stored but the event in the outbox.
 */
export function telemetryRoutes(app, services) {
    const graph = services.graph;
    // Its own scope, so the JSON parser can keep the body's text.
    app.register(async (scope) => {
        scope.removeContentTypeParser("application/json");
        scope.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
            const text = typeof body === "string" ? body : body.toString("utf8");
            if (text.trim() === "") {
                done(new DoppelError("InvalidArgument", "The request body is empty; a JSON document is required."));
                return;
            }
            try {
                done(null, { text, value: JSON.parse(text) });
            }
            catch (error) {
                done(new DoppelError("InvalidArgument", `The request body is not valid JSON: ${error.message}`));
            }
        });
        scope.post("/digitaltwins/:id/telemetry", async (request, reply) => {
            const body = telemetryBody(request);
            await graph.sendTelemetry(changeOrigin(request), request.params.id, {
                dataJson: body.text,
                messageId: requireMessageId(headerOf(request, "message-id")),
                ...sourceTime(request),
            });
            return reply.code(204).send();
        });
        scope.post("/digitaltwins/:id/components/:componentPath/telemetry", async (request, reply) => {
            const { text, messageId } = unswapComponentTelemetry(telemetryBody(request), headerOf(request, "message-id"));
            await graph.sendTelemetry(changeOrigin(request), request.params.id, {
                componentPath: request.params.componentPath,
                dataJson: text,
                messageId: requireMessageId(messageId),
                ...sourceTime(request),
            });
            return reply.code(204).send();
        });
    });
}
function telemetryBody(request) {
    const body = request.body;
    if (body === undefined || body === null) {
        throw new DoppelError("InvalidArgument", "The request body is empty; a JSON document is required.");
    }
    return body;
}
function requireMessageId(messageId) {
    if (messageId === undefined || messageId.trim() === "") {
        throw new DoppelError("InvalidArgument", "The Message-Id header is required: a unique id for this telemetry message.");
    }
    return messageId;
}
function sourceTime(request) {
    const value = headerOf(request, "telemetry-source-time");
    if (value === undefined || value === "")
        return {};
    if (!isRfc3339DateTime(value)) {
        throw new DoppelError("InvalidArgument", `The Telemetry-Source-Time header '${value}' is not an RFC 3339 date-time.`);
    }
    return { sourceTime: value };
}
/**
 * `@azure/digital-twins-core` 1.1.0 swaps the arguments of `publishComponentTelemetry`: the
 * payload travels in `Message-Id` and the message id as the body (a JSON string). Recognised by
 * exactly that shape (a string body and a JSON object or array in the header) and put right.
 */
function unswapComponentTelemetry(body, header) {
    if (typeof body.value !== "string" || header === undefined)
        return { text: body.text, messageId: header };
    const trimmed = header.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("["))
        return { text: body.text, messageId: header };
    try {
        JSON.parse(trimmed);
    }
    catch {
        return { text: body.text, messageId: header };
    }
    return { text: trimmed, messageId: body.value };
}
//# sourceMappingURL=telemetry.js.map