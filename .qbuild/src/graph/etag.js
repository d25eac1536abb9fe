import { randomUUID } from "node:crypto";
import { invalidIfMatch, invalidIfNoneMatch } from "./graphErrors.js";
/** A new weak ETag, `W/"<uuid>"`, as ADT issues on every change. */
export function newEtag() {
    return `W/"${randomUUID()}"`;
}
const entityTag = /^(?:W\/)?"([^"]*)"$/;
/** `undefined` when the header is absent; throws ADT's InvalidArgument when it is malformed. */
export function parseIfMatch(header) {
    if (header === undefined)
        return undefined;
    const trimmed = header.trim();
    if (trimmed === "*")
        return { kind: "any" };
    const opaque = [];
    for (const part of splitTags(trimmed)) {
        const match = entityTag.exec(part.trim());
        if (match === null)
            throw invalidIfMatch();
        opaque.push(match[1]);
    }
    if (opaque.length === 0)
        throw invalidIfMatch();
    return { kind: "tags", opaque, header: trimmed };
}
/** True for `If-None-Match: *`, false when absent; any other value is ADT's InvalidArgument. */
export function parseIfNoneMatch(header) {
    if (header === undefined)
        return false;
    if (header.trim() === "*")
        return true;
    throw invalidIfNoneMatch();
}
/**
 * Compares by opaque tag: ADT's tags are all weak, and clients send them back with or without
 * the `W/` prefix.
 */
export function ifMatchAccepts(condition, currentEtag) {
    if (condition.kind === "any")
        return true;
    const current = entityTag.exec(currentEtag)?.[1] ?? currentEtag;
    return condition.opaque.includes(current);
}
/** Splits a list of entity tags on the commas between them (a quoted tag may hold commas). */
function splitTags(header) {
    const parts = [];
    let start = 0;
    let quoted = false;
    for (let i = 0; i < header.length; i++) {
        const c = header[i];
        if (c === '"')
            quoted = !quoted;
        else if (c === "," && !quoted) {
            parts.push(header.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(header.slice(start));
    return parts;
}
//# sourceMappingURL=etag.js.map