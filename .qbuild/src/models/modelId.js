/**
 * The shape of a model id (an Interface DTMI) as DTDL v2/v3 allow it: `dtmi:` then `:`-separated
 * segments (a letter first, letters/digits/underscores after, not ending in `_`), then an
 * optional `;major` or `;major.minor` version. Checked before any lookup so a malformed id is a
 * 400, not a 404, as in ADT.
 */
const segment = "[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?";
const modelIdPattern = new RegExp(`^dtmi:${segment}(?::${segment})*(?:;[1-9][0-9]{0,8}(?:\\.[1-9][0-9]{0,5})?)?$`);
/** The longest DTMI the DTDL specification allows anywhere. */
export const maxModelIdLength = 4096;
export function isValidModelId(value) {
    return value.length <= maxModelIdLength && modelIdPattern.test(value);
}
//# sourceMappingURL=modelId.js.map