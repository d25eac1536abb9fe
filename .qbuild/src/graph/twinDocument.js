import { hasTwinLastUpdateTime } from "../http/apiVersion.js";
/** Serialises with ADT's key order whatever order the keys were set in. */
export function serializeTwin(doc) {
    const ordered = { $dtId: doc.$dtId, $etag: doc.$etag };
    for (const key of Object.keys(doc)) {
        if (key === "$dtId" || key === "$etag" || key === "$metadata")
            continue;
        const value = doc[key];
        ordered[key] = isComponentValue(value) ? orderComponent(value) : value;
    }
    ordered.$metadata = doc.$metadata;
    return JSON.stringify(ordered);
}
export function isComponentValue(value) {
    return (typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        typeof value.$metadata === "object");
}
function orderComponent(component) {
    const ordered = {};
    for (const key of Object.keys(component))
        if (key !== "$metadata")
            ordered[key] = component[key];
    ordered.$metadata = component.$metadata;
    return ordered;
}
/**
 * The stored twin JSON as a given api-version shows it: before 2022-05-31 (and its preview)
 * there is no `$lastUpdateTime` and no `sourceTime`.
 */
export function twinJsonForVersion(docText, version) {
    if (hasTwinLastUpdateTime(version))
        return docText;
    const doc = JSON.parse(docText);
    stripVersionedMetadata(doc);
    for (const value of Object.values(doc))
        if (isComponentValue(value))
            stripVersionedMetadata(value);
    return JSON.stringify(doc);
}
/** A component of a stored twin as GET component returns it. */
export function componentJsonForVersion(component, version) {
    const ordered = orderComponent(component);
    if (!hasTwinLastUpdateTime(version))
        stripVersionedMetadata(ordered);
    return JSON.stringify(ordered);
}
function stripVersionedMetadata(holder) {
    const metadata = holder.$metadata;
    if (metadata === undefined)
        return;
    const stripped = {};
    for (const [key, entry] of Object.entries(metadata)) {
        if (key === "$lastUpdateTime")
            continue;
        if (key.startsWith("$") || typeof entry !== "object" || entry === null) {
            stripped[key] = entry;
            continue;
        }
        const { sourceTime: _sourceTime, ...rest } = entry;
        stripped[key] = rest;
    }
    holder.$metadata = stripped;
}
//# sourceMappingURL=twinDocument.js.map