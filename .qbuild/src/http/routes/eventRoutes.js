import { DoppelError } from "../../errors/catalogue.js";
/** ADT's Event Routes API: `GET /eventroutes`, `GET/PUT/DELETE /eventroutes/{id}`. */
export function eventRouteRoutes(app, services) {
    const events = services.events;
    app.get("/eventroutes", async (request) => {
        const query = request.query;
        const asked = readPageSize(request.headers["max-items-per-page"]);
        let after = "";
        let size = asked ?? services.config.pageSize;
        if (query.continuationToken !== undefined) {
            const token = readToken(query.continuationToken);
            after = token.after;
            size = asked ?? token.size;
        }
        size = Math.min(size, services.config.pageSize);
        const routes = (await events.listRoutes()).filter((route) => route.id > after);
        const page = routes.slice(0, size);
        const last = page.at(-1);
        return {
            value: page,
            nextLink: routes.length > size && last ? nextLink(request, { after: last.id, size }) : null,
        };
    });
    app.get("/eventroutes/:id", async (request) => events.getRoute(request.params.id));
    app.put("/eventroutes/:id", async (request, reply) => {
        await events.putRoute(request.params.id, request.body);
        return reply.code(204).send();
    });
    app.delete("/eventroutes/:id", async (request, reply) => {
        await events.deleteRoute(request.params.id);
        return reply.code(204).send();
    });
}
function readToken(value) {
    if (typeof value === "string" && value.length <= 2048) {
        try {
            const token = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
            if (typeof token.after === "string" && Number.isInteger(token.size) && token.size >= 1) {
                return { after: token.after, size: token.size };
            }
        }
        catch {
            // Falls through to the error.
        }
    }
    throw new DoppelError("BadRequest", "The continuation token is not valid. Start again from the first page.");
}
function readPageSize(value) {
    if (value === undefined)
        return undefined;
    if (typeof value === "string" && /^[0-9]{1,9}$/.test(value.trim())) {
        const size = Number(value.trim());
        if (size >= 1)
            return size;
    }
    throw new DoppelError("InvalidArgument", "The max-items-per-page header must be a positive integer.");
}
/** Absolute https, as ADT's (the SDK refuses to send a bearer token over anything else). */
function nextLink(request, token) {
    const params = new URLSearchParams();
    params.set("continuationToken", Buffer.from(JSON.stringify(token)).toString("base64url"));
    params.set("api-version", request.apiVersion);
    return `https://${request.host}/eventroutes?${params.toString()}`;
}
//# sourceMappingURL=eventRoutes.js.map