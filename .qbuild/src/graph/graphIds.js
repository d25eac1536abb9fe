import { invalidId } from "./graphErrors.js";
/**
 * Twin and relationship ids: case-sensitive, 1 to `maxLength` UTF-16 code units, any printable
 * Unicode (spaces, `/`, `%`, quotes and emoji included), but no control characters (C0, DEL, C1)
 * and no unpaired surrogates, which could not round-trip through UTF-8 URLs and JSON.
 */
export function checkId(kind, id, maxLength) {
    if (id.length === 0 || id.length > maxLength || !isPrintable(id))
        throw invalidId(kind, id, maxLength);
}
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const forbidden = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
function isPrintable(id) {
    return !forbidden.test(id);
}
//# sourceMappingURL=graphIds.js.map