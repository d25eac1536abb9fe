import { readFileSync } from "node:fs";
import { isDoppelError } from "../errors/catalogue.js";
/**
 * Applies a JSON file of endpoints and routes at start-up, as if each were PUT through the API
 * (same validation): `{"endpoints": {"<name>": {...}}, "routes": {"<id>": {"endpointName", "filter"}}}`.
 * What the file names is created or replaced; anything else already stored is left alone.
 * A bad file stops the start-up with a message naming the entry.
 */
export async function applyEventsConfigFile(service, file) {
    let parsed;
    try {
        parsed = JSON.parse(readFileSync(file, "utf8"));
    }
    catch (error) {
        throw new Error(`events config ${file}: ${error.message}`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new Error(`events config ${file}: expected a JSON object with "endpoints" and/or "routes"`);
    }
    const { endpoints = {}, routes = {}, ...rest } = parsed;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0)
        throw new Error(`events config ${file}: unknown key(s) ${unknownKeys.join(", ")}`);
    for (const [name, definition] of entries(file, "endpoints", endpoints)) {
        await explain(file, `endpoint '${name}'`, () => service.putEndpoint(name, definition));
    }
    for (const [id, route] of entries(file, "routes", routes)) {
        await explain(file, `route '${id}'`, () => service.putRoute(id, route));
    }
}
function entries(file, key, value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`events config ${file}: "${key}" must be an object keyed by name`);
    }
    return Object.entries(value);
}
async function explain(file, what, apply) {
    try {
        await apply();
    }
    catch (error) {
        const message = isDoppelError(error) ? `${error.code}: ${error.message}` : error.message;
        throw new Error(`events config ${file}: ${what}: ${message}`);
    }
}
//# sourceMappingURL=applyEventsConfigFile.js.map