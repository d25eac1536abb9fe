/**
 * DTMI syntax (Digital Twin Model Identifier), per the DTMI specification: scheme `dtmi:`,
 * colon-separated segments, optional `;major[.minor]` version and optional `#fragment`.
 * Segments starting with `_` are system segments, which only generated identifiers use.
 */
const SEGMENT = "(?:_+[A-Za-z0-9]|[A-Za-z])(?:[A-Za-z0-9_]*[A-Za-z0-9])?";
const GENERAL_DTMI = new RegExp(`^dtmi:(${SEGMENT}(?::${SEGMENT})*)(?:;([1-9][0-9]{0,8})(?:\\.([1-9][0-9]{0,5}))?)?(#(?:${SEGMENT})?)?$`);
/** Parses any syntactically valid DTMI (system segments and fragments allowed); undefined if invalid. */
export function parseDtmi(text) {
    if (text.length > 4096)
        return undefined;
    const m = GENERAL_DTMI.exec(text);
    if (!m)
        return undefined;
    const path = m[1];
    const fragment = m[4] ?? "";
    const labels = path.split(":");
    const hashAt = text.indexOf("#");
    return {
        majorVersion: m[2] ? Number(m[2]) : 0,
        minorVersion: m[3] ? Number(m[3]) : 0,
        versionless: `dtmi:${path}${fragment}`,
        fragmentless: hashAt < 0 ? text : text.slice(0, hashAt),
        labels,
        isReserved: labels.some((l) => l.startsWith("_")) || fragment.startsWith("#_"),
        fragment,
    };
}
/** The DTMI without version and fragment, e.g. `dtmi:dtdl:context`. */
export function dtmiVersionlessBase(text) {
    let end = text.length;
    const semi = text.indexOf(";");
    if (semi >= 0)
        end = semi;
    const hash = text.indexOf("#");
    if (hash >= 0 && hash < end)
        end = hash;
    return text.slice(0, end);
}
/**
 * The identifier the spec assigns to an element defined without `@id`: the parent's DTMI with
 * `:_<property>` (and `:__<name>` for plural properties) inserted before its version.
 */
export function childId(parentId, propName, secondSegment) {
    const semiInProp = propName.indexOf(";");
    const firstSeg = semiInProp >= 0 ? propName.slice(0, semiInProp) : propName;
    const versionPos = parentId.indexOf(";");
    const fragmentPos = parentId.indexOf("#");
    const insert = `:_${firstSeg}${secondSegment}`;
    if (versionPos < 0) {
        return fragmentPos < 0 ? parentId + insert : parentId.slice(0, fragmentPos) + insert + parentId.slice(fragmentPos);
    }
    if (fragmentPos < 0)
        return parentId.slice(0, versionPos) + insert + parentId.slice(versionPos);
    return parentId.slice(0, versionPos) + insert + parentId.slice(versionPos);
}
/** True when the identifier contains a system segment, i.e. it was generated rather than written. */
export function isGeneratedId(id) {
    return id.includes(":_");
}
//# sourceMappingURL=dtmi.js.map