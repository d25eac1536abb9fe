/**
 * A JSON-LD view of a parsed JSON object, as DTDL sees it: keywords (`@id`, `@type`, `@context`,
 * `@graph`, `@value`, `@language`, other `@…`) separated from ordinary properties, and every
 * property value normalised to a list (a JSON array is a plural representation).
 */
export function isJsonObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
export function toLdElement(raw) {
    // Built by assignment (no spreads): this runs once per JSON object of every model.
    const element = { raw, propertyCount: 0, hasContext: false, hasGraph: false, keywords: NO_KEYWORDS, properties: [] };
    for (const key in raw) {
        if (!Object.hasOwn(raw, key))
            continue;
        const v = raw[key];
        element.propertyCount++;
        if (key.charCodeAt(0) === 64 /* @ */) {
            switch (key) {
                case "@id":
                    element.id = typeof v === "string" ? v : "";
                    break;
                case "@type":
                    if (typeof v === "string")
                        element.types = [v];
                    else if (Array.isArray(v))
                        element.types = v.map((t) => (typeof t === "string" ? t : null));
                    else
                        element.types = [];
                    break;
                case "@context":
                    element.hasContext = true;
                    element.context = v;
                    break;
                case "@graph":
                    element.hasGraph = true;
                    element.graph = v;
                    break;
                case "@value":
                    element.value = toLdValue(v);
                    break;
                case "@language":
                    element.language = typeof v === "string" ? v : "";
                    break;
                default:
                    if (element.keywords === NO_KEYWORDS)
                        element.keywords = [];
                    element.keywords.push(key);
            }
            continue;
        }
        if (Array.isArray(v)) {
            element.properties.push({ name: key, values: arrayValues(v), plural: true, raw: v });
        }
        else {
            element.properties.push({ name: key, values: [toLdValue(v)], plural: false, raw: v });
        }
    }
    return element;
}
const NO_KEYWORDS = [];
/** Values of a JSON array; nested arrays are flattened, as JSON-LD does. */
function arrayValues(v) {
    if (!v.some(Array.isArray)) {
        const values = new Array(v.length);
        for (let i = 0; i < v.length; i++)
            values[i] = toLdValue(v[i]);
        return values;
    }
    const values = [];
    const stack = [...v].reverse();
    while (stack.length > 0) {
        const item = stack.pop();
        if (Array.isArray(item))
            for (let i = item.length - 1; i >= 0; i--)
                stack.push(item[i]);
        else
            values.push(toLdValue(item));
    }
    return values;
}
const NULL_VALUE = { kind: "null" };
const ARRAY_VALUE = { kind: "array" };
export function toLdValue(v) {
    if (typeof v === "string")
        return { kind: "string", value: v };
    if (typeof v === "number")
        return { kind: "number", value: v };
    if (typeof v === "boolean")
        return { kind: "boolean", value: v };
    if (Array.isArray(v))
        return ARRAY_VALUE;
    if (isJsonObject(v))
        return { kind: "element", element: toLdElement(v) };
    return NULL_VALUE;
}
//# sourceMappingURL=jsonLd.js.map