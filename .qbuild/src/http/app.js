import Fastify from "fastify";
import { installSecurity } from "../auth/installSecurity.js";
import { DoppelError } from "../errors/catalogue.js";
import { parseApiVersion } from "./apiVersion.js";
import { errorHandler, sendError } from "./errors.js";
/**
 * Builds the HTTP application over a set of services. One instance per listener (HTTPS and
 * plain HTTP share the services, not the Fastify instance).
 */
export function buildApp(services, registrars, options = {}) {
    const app = Fastify({
        logger: options.logger ?? false,
        bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
        // The router splits the raw path on `/` before decoding each parameter, so an id may
        // carry `/` as `%2F` (twin ids with slashes, as ADT allows).
        routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8192 },
        ...(options.https ? { https: options.https } : {}),
        // Malformed percent-encoding in a path is the caller's mistake, answered in ADT's envelope.
        frameworkErrors: (error, _request, reply) => sendError(reply, new DoppelError("InvalidArgument", `The request URL is malformed: ${error.message}`)),
    });
    app.decorateRequest("apiVersion", "2023-10-31");
    app.addContentTypeParser(["application/json-patch+json", "application/merge-patch+json"], { parseAs: "string" }, parseJsonBody);
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser("application/json", { parseAs: "string" }, parseJsonBody);
    // Authentication, authorisation, limits and audit for every route (before the api-version check).
    installSecurity(app, services);
    app.addHook("onRequest", async (request) => {
        if (request.routeOptions.config?.skipApiVersion)
            return;
        if (request.routeOptions.url === undefined)
            return; // 404s fall through to the not-found handler
        request.apiVersion = parseApiVersion(request.query["api-version"]);
    });
    app.setErrorHandler(errorHandler);
    app.setNotFoundHandler((request, reply) => sendError(reply, new DoppelError("RouteNotFound", `No operation matches ${request.method} ${request.url.split("?")[0]}.`)));
    app.get("/healthz", { config: { skipApiVersion: true } }, async () => ({ status: "ok" }));
    for (const register of registrars)
        register(app, services);
    return app;
}
function parseJsonBody(_request, body, done) {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
        done(new DoppelError("InvalidArgument", "The request body is empty; a JSON document is required."));
        return;
    }
    try {
        // Reviver-free parse, then strip keys that could pollute prototypes downstream.
        done(null, JSON.parse(text, rejectProtoKeys));
    }
    catch (error) {
        done(error instanceof DoppelError
            ? error
            : new DoppelError("InvalidArgument", `The request body is not valid JSON: ${error.message}`));
    }
}
function rejectProtoKeys(key, value) {
    if (key === "__proto__") {
        throw new DoppelError("InvalidArgument", "The key '__proto__' is not allowed in request bodies.");
    }
    return value;
}
//# sourceMappingURL=app.js.map