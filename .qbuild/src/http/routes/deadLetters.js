import { DoppelError } from "../../errors/catalogue.js";
const admin = { config: { skipApiVersion: true } };
/**
 * Dead letters: `GET /admin/deadletters[?endpoint=]` (paged, oldest first, without the event),
 * `GET /admin/deadletters/{id}` (with the event), `POST /admin/deadletters/{id}/replay`,
 * `POST /admin/deadletters/replay[?endpoint=]`, `DELETE /admin/deadletters/{id}`.
 */
export function deadLetterRoutes(app, services) {
    const events = services.events;
    app.get("/admin/deadletters", admin, async (request) => {
        const query = request.query;
        const endpointName = optionalString(query.endpoint, "endpoint");
        const limit = Math.min(readInteger(query.limit, "limit") ?? services.config.pageSize, services.config.pageSize);
        const afterId = readInteger(query.after, "after") ?? 0;
        const letters = await events.listDeadLetters({
            afterId,
            limit: limit + 1,
            ...(endpointName ? { endpointName } : {}),
        });
        const page = letters.slice(0, limit);
        const last = page.at(-1);
        return {
            value: page,
            nextLink: letters.length > limit && last ? nextLink(request, last.id, limit, endpointName) : null,
        };
    });
    app.get("/admin/deadletters/:id", admin, async (request) => events.getDeadLetter(readId(request.params.id)));
    app.delete("/admin/deadletters/:id", admin, async (request, reply) => {
        await events.deleteDeadLetter(readId(request.params.id));
        return reply.code(204).send();
    });
    app.post("/admin/deadletters/:id/replay", admin, async (request, reply) => {
        await events.replayDeadLetter(readId(request.params.id));
        return reply.code(204).send();
    });
    app.post("/admin/deadletters/replay", admin, async (request) => {
        const query = request.query;
        return events.replayDeadLetters(optionalString(query.endpoint, "endpoint"));
    });
}
function readId(text) {
    if (!/^[0-9]{1,15}$/.test(text)) {
        throw new DoppelError("DeadLetterNotFound", `There is no dead letter with the id '${text}'.`);
    }
    return Number(text);
}
function readInteger(value, name) {
    if (value === undefined)
        return undefined;
    if (typeof value === "string" && /^[0-9]{1,15}$/.test(value)) {
        const n = Number(value);
        if (name !== "limit" || n >= 1)
            return n;
    }
    throw new DoppelError("InvalidArgument", `The query parameter ${name} must be a ${name === "limit" ? "positive" : "non-negative"} integer.`);
}
function optionalString(value, name) {
    if (value === undefined)
        return undefined;
    if (typeof value === "string" && value !== "")
        return value;
    throw new DoppelError("InvalidArgument", `The query parameter ${name} must be given once, non-empty.`);
}
function nextLink(request, afterId, limit, endpoint) {
    const params = new URLSearchParams({ after: String(afterId), limit: String(limit) });
    if (endpoint !== undefined)
        params.set("endpoint", endpoint);
    return `${request.protocol}://${request.host}/admin/deadletters?${params.toString()}`;
}
//# sourceMappingURL=deadLetters.js.map