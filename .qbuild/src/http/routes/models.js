import { DoppelError } from "../../errors/catalogue.js";
import { checkDecommissionPatch } from "../../models/decommissionPatch.js";
import { toModelData } from "../../models/modelData.js";
import { invalidContinuationToken, invalidModelId } from "../../models/modelErrors.js";
import { isValidModelId } from "../../models/modelId.js";
/** The Models API: `POST/GET /models`, `GET/PATCH/DELETE /models/{id}`. */
export function modelRoutes(app, services) {
    const registry = services.models;
    app.post("/models", async (request, reply) => {
        const created = await registry.upload(request.body);
        return reply.code(201).send(created.map((entry) => toModelData(entry, false)));
    });
    app.get("/models", async (request) => {
        const query = request.query;
        const dependenciesFor = readIdList(query.dependenciesFor);
        const includeDefinition = readBoolean(query.includeModelDefinition, "includeModelDefinition");
        const askedSize = readPageSize(request.headers["max-items-per-page"]);
        let afterSeq = 0;
        let pageSize = askedSize ?? services.config.pageSize;
        const token = query.continuationToken;
        if (token !== undefined) {
            const cursor = typeof token === "string" ? registry.pageTokens.verify(token, dependenciesFor) : undefined;
            if (cursor === undefined)
                throw invalidContinuationToken();
            afterSeq = cursor.afterSeq;
            pageSize = askedSize ?? cursor.pageSize;
        }
        pageSize = Math.min(pageSize, services.config.pageSize);
        const page = registry.page({ dependenciesFor, afterSeq, limit: pageSize, continuation: token !== undefined });
        const last = page.items.at(-1);
        const nextToken = page.more && last ? registry.pageTokens.sign({ afterSeq: last.seq, pageSize }, dependenciesFor) : undefined;
        return {
            value: page.items.map((entry) => toModelData(entry, includeDefinition)),
            nextLink: nextToken === undefined ? null : nextLink(request, nextToken, dependenciesFor, includeDefinition),
        };
    });
    app.get("/models/:id", async (request) => {
        const query = request.query;
        const includeDefinition = readBoolean(query.includeModelDefinition, "includeModelDefinition");
        return toModelData(registry.require(request.params.id), includeDefinition);
    });
    app.patch("/models/:id", async (request, reply) => {
        const { id } = request.params;
        if (!isValidModelId(id))
            throw invalidModelId(id);
        checkDecommissionPatch(request.body);
        await registry.decommission(id);
        return reply.code(204).send();
    });
    app.delete("/models/:id", async (request, reply) => {
        await registry.delete(request.params.id);
        return reply.code(204).send();
    });
}
/**
 * `dependenciesFor` arrives repeated (the swagger's `multi`), comma-separated (the JS SDK) or
 * empty (the SDK's `listModels([])`); DTMIs cannot contain commas, so all three merge safely.
 */
function readIdList(value) {
    const raw = value === undefined ? [] : Array.isArray(value) ? value : [value];
    const ids = [];
    for (const item of raw) {
        if (typeof item !== "string")
            continue;
        for (const part of item.split(",")) {
            const id = part.trim();
            if (id !== "")
                ids.push(id);
        }
    }
    return [...new Set(ids)];
}
function readBoolean(value, name) {
    if (value === undefined || value === "")
        return false;
    if (typeof value === "string") {
        const lower = value.toLowerCase();
        if (lower === "true")
            return true;
        if (lower === "false")
            return false;
    }
    throw new DoppelError("InvalidArgument", `The query parameter ${name} must be true or false.`);
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
/** Absolute and https, as ADT's (the SDK refuses to send a bearer token over anything else). */
function nextLink(request, token, dependenciesFor, includeDefinition) {
    const params = new URLSearchParams();
    if (dependenciesFor.length > 0)
        params.set("dependenciesFor", dependenciesFor.join(","));
    params.set("includeModelDefinition", String(includeDefinition));
    params.set("continuationToken", token);
    params.set("api-version", request.apiVersion);
    return `https://${request.host}/models?${params.toString()}`;
}
//# sourceMappingURL=models.js.map