import type { FastifyInstance, FastifyRequest } from "fastify";
import { utf8Guard } from "../../auth/utf8Guard.js";
import { isRfc3339DateTime } from "../../dtdl/valueValidation/rfc3339.js";
import { DoppelError } from "../../errors/catalogue.js";
import type { Services } from "../services.js";
import { changeOrigin, headerOf } from "./twins.js";

/** A telemetry body: the text as posted (events carry it unmodified) and its parsed value. */
interface TelemetryBody {
  readonly text: string;
  readonly value: unknown;
}

interface TwinParams {
  id: string;
}

interface ComponentParams {
  id: string;
  componentPath: string;
}

/**
 * `POST /digitaltwins/{id}/telemetry` and `POST /digitaltwins/{id}/components/{path}/telemetry`:
 * `Message-Id` required (it becomes the event id), `Telemetry-Source-Time` optional (the event
 * time), any JSON body, 204. Nothing is stored but the event in the outbox.
 */
export function telemetryRoutes(app: FastifyInstance, services: Services): void {
  const graph = services.graph;

  // Its own scope, so the JSON parser can keep the body's text.
  app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => {
      const text = typeof body === "string" ? body : utf8Guard(body);
      if (text.trim() === "") {
        done(new DoppelError("InvalidArgument", "The request body is empty; a JSON document is required."));
        return;
      }
      try {
        done(null, { text, value: JSON.parse(text) } satisfies TelemetryBody);
      } catch (error) {
        done(new DoppelError("InvalidArgument", `The request body is not valid JSON: ${(error as Error).message}`));
      }
    });

    scope.post<{ Params: TwinParams }>("/digitaltwins/:id/telemetry", async (request, reply) => {
      const body = telemetryBody(request);
      await graph.sendTelemetry(changeOrigin(request), request.params.id, {
        dataJson: body.text,
        messageId: requireMessageId(headerOf(request, "message-id")),
        ...sourceTime(request),
      });
      return reply.code(204).send();
    });

    scope.post<{ Params: ComponentParams }>(
      "/digitaltwins/:id/components/:componentPath/telemetry",
      async (request, reply) => {
        const { text, messageId } = unswapComponentTelemetry(telemetryBody(request), headerOf(request, "message-id"));
        await graph.sendTelemetry(changeOrigin(request), request.params.id, {
          componentPath: request.params.componentPath,
          dataJson: text,
          messageId: requireMessageId(messageId),
          ...sourceTime(request),
        });
        return reply.code(204).send();
      },
    );
  });
}

function telemetryBody(request: FastifyRequest): TelemetryBody {
  const body = request.body as TelemetryBody | undefined;
  if (body === undefined || body === null) {
    throw new DoppelError("InvalidArgument", "The request body is empty; a JSON document is required.");
  }
  return body;
}

function requireMessageId(messageId: string | undefined): string {
  if (messageId === undefined || messageId.trim() === "") {
    throw new DoppelError(
      "InvalidArgument",
      "The Message-Id header is required: a unique id for this telemetry message.",
    );
  }
  return messageId;
}

function sourceTime(request: FastifyRequest): { sourceTime?: string } {
  const value = headerOf(request, "telemetry-source-time");
  if (value === undefined || value === "") return {};
  if (!isRfc3339DateTime(value)) {
    throw new DoppelError(
      "InvalidArgument",
      `The Telemetry-Source-Time header '${value}' is not an RFC 3339 date-time.`,
    );
  }
  return { sourceTime: value };
}

/**
 * `@azure/digital-twins-core` 1.1.0 swaps the arguments of `publishComponentTelemetry`: the
 * payload travels in `Message-Id` and the message id as the body (a JSON string). Recognised by
 * exactly that shape (a string body and a JSON object or array in the header) and put right.
 */
function unswapComponentTelemetry(
  body: TelemetryBody,
  header: string | undefined,
): { text: string; messageId: string | undefined } {
  if (typeof body.value !== "string" || header === undefined) return { text: body.text, messageId: header };
  const trimmed = header.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return { text: body.text, messageId: header };
  try {
    JSON.parse(trimmed);
  } catch {
    return { text: body.text, messageId: header };
  }
  return { text: trimmed, messageId: body.value };
}
