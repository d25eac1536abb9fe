import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type HookHandlerDoneFunction,
} from "fastify";
import { installSecurity } from "../auth/installSecurity.js";
import { utf8Guard } from "../auth/utf8Guard.js";
import { DoppelError } from "../errors/catalogue.js";
import { type ApiVersion, parseApiVersion } from "./apiVersion.js";
import { errorHandler, sendError } from "./errors.js";
import type { Services } from "./services.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Set on every ADT route by the api-version hook. */
    apiVersion: ApiVersion;
  }
  interface FastifyContextConfig {
    /** Routes of our own (health, metrics, admin) that do not take an api-version. */
    skipApiVersion?: boolean;
  }
}

export interface AppOptions {
  /** Largest accepted request body in bytes. */
  readonly bodyLimit?: number;
  readonly logger?: FastifyServerOptions["logger"];
  readonly https?: { key: string | Buffer; cert: string | Buffer } | null;
}

export type RouteRegistrar = (app: FastifyInstance, services: Services) => void;

/**
 * Builds the HTTP application over a set of services. One instance per listener (HTTPS and
 * plain HTTP share the services, not the Fastify instance).
 */
export function buildApp(
  services: Services,
  registrars: readonly RouteRegistrar[],
  options: AppOptions = {},
): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
    // The router splits the raw path on `/` before decoding each parameter, so an id may
    // carry `/` as `%2F` (twin ids with slashes, as ADT allows).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8192 },
    ...(options.https ? { https: options.https } : {}),
    // Malformed percent-encoding in a path is the caller's mistake, answered in ADT's envelope.
    frameworkErrors: (error, _request, reply) =>
      sendError(reply, new DoppelError("InvalidArgument", `The request URL is malformed: ${error.message}`)),
  } as FastifyServerOptions) as unknown as FastifyInstance;

  app.decorateRequest("apiVersion", "2023-10-31");
  app.addContentTypeParser(
    ["application/json-patch+json", "application/merge-patch+json"],
    { parseAs: "buffer" },
    parseJsonBody,
  );
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, parseJsonBody);

  // Authentication, authorisation, limits and audit for every route (before the api-version check).
  installSecurity(app, services);
  // The api-version check is a hook of each ADT route (not of the 404 handler), decided once when
  // the route is added rather than per request through `request.routeOptions` (a getter that
  // builds an object). Route hooks run after the instance's, so after the security layer's.
  app.addHook("onRoute", (route) => {
    if (route.config?.skipApiVersion) return;
    const own = route.onRequest;
    route.onRequest = own === undefined ? [checkApiVersion] : [...(Array.isArray(own) ? own : [own]), checkApiVersion];
  });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new DoppelError("RouteNotFound", `No operation matches ${request.method} ${request.url.split("?")[0]}.`),
    ),
  );

  app.get("/healthz", { config: { skipApiVersion: true } }, async () => ({ status: "ok" }));
  for (const register of registrars) register(app, services);
  return app;
}

function checkApiVersion(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  request.apiVersion = parseApiVersion((request.query as Record<string, unknown>)["api-version"]);
  done();
}

/**
 * Every JSON body: valid UTF-8 (checked on the buffered bytes), then parsed. Keys that could
 * pollute prototypes (`__proto__`, `constructor.prototype`) are refused by the security layer's
 * body check (`checkJsonBody`, a preValidation hook on every route); `JSON.parse` itself defines
 * `__proto__` as a plain own key and never touches a prototype, so no reviver is needed here.
 */
function parseJsonBody(
  _request: unknown,
  body: string | Buffer,
  done: (err: Error | null, value?: unknown) => void,
): void {
  let text: string;
  try {
    text = typeof body === "string" ? body : utf8Guard(body);
  } catch (error) {
    done(error as Error);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Only a failed parse pays for telling an empty body from a malformed one.
    done(
      text.trim() === ""
        ? new DoppelError("InvalidArgument", "The request body is empty; a JSON document is required.")
        : new DoppelError("InvalidArgument", `The request body is not valid JSON: ${(error as Error).message}`),
    );
    return;
  }
  done(null, value);
}
