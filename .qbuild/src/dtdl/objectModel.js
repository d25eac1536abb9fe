import { supplementalLineage, supplementalType, termOrIri } from "./rules.js";
const GEOSPATIAL = new Set(["point", "multiPoint", "lineString", "multiLineString", "polygon", "multiPolygon"]);
/** Turns linked parsed elements into the public object model. */
export function buildObjectModel(elements, topLevel, sources) {
    const built = new Map();
    const interfaces = new Map();
    const get = (id) => elements.get(id);
    const ids = (el, prop) => el.objects.get(prop) ?? [];
    function base(el) {
        const out = {
            id: el.id,
            dtdlVersion: el.version,
            types: el.supplementalTypes.length === 0 && el.undefinedTypes.length === 0
                ? classTypes(el.kind, el.version)
                : [`dtmi:dtdl:class:${el.kind};${el.version}`, ...el.supplementalTypes, ...el.undefinedTypes],
        };
        const displayName = el.literals.get("displayName");
        if (displayName && !isEmpty(displayName))
            out.displayName = displayName;
        const description = el.literals.get("description");
        if (description && !isEmpty(description))
            out.description = description;
        const comment = el.literals.get("comment");
        if (typeof comment === "string")
            out.comment = comment;
        if (el.supplemental.size > 0 || el.undefinedProps.size > 0) {
            const extra = Object.create(null);
            for (const [iri, v] of el.supplemental)
                extra[termOrIri(iri)] = v;
            for (const [k, v] of el.undefinedProps)
                extra[k] = v;
            out.extra = extra;
        }
        if (el.supplementalTypes.length > 0) {
            const semanticTypes = el.supplementalTypes.filter(isSemanticType);
            if (semanticTypes.length > 0)
                out.semanticTypes = semanticTypes.map(termOrIri);
        }
        for (const [iri, v] of el.supplemental) {
            if (termOrIri(iri) === "unit" || iri.endsWith(":unit") || /:property:unit;\d$/.test(iri)) {
                if (typeof v === "string")
                    out.unit = unitName(v, elements);
            }
        }
        return out;
    }
    function schema(id) {
        const existing = built.get(id);
        if (existing)
            return existing;
        const el = get(id);
        if (!el) {
            const shell = {
                id,
                dtdlVersion: 2,
                types: [],
                kind: "primitive",
                name: "string",
            };
            return shell;
        }
        const out = base(el);
        built.set(id, out);
        switch (el.kind) {
            case "Array":
                out.kind = "Array";
                out.elementSchema = schema(ids(el, "elementSchema")[0] ?? "");
                break;
            case "Enum": {
                out.kind = "Enum";
                const vs = get(ids(el, "valueSchema")[0] ?? "");
                out.valueSchema = vs?.kind === "Integer" ? "integer" : "string";
                out.enumValues = ids(el, "enumValues").map((v) => enumValue(v));
                break;
            }
            case "Map":
                out.kind = "Map";
                out.mapKey = mapKey(ids(el, "mapKey")[0] ?? "");
                out.mapValue = mapValue(ids(el, "mapValue")[0] ?? "");
                break;
            case "Object": {
                const name = standardName(el.id);
                if (el.isStandard && name !== undefined && GEOSPATIAL.has(name)) {
                    out.kind = "geospatial";
                    out.name = name;
                }
                else if (el.isStandard && name === "scaledDecimal") {
                    out.kind = "scaledDecimal";
                }
                else {
                    out.kind = "Object";
                    out.fields = ids(el, "fields").map((f) => field(f));
                }
                break;
            }
            default:
                out.kind = "primitive";
                out.name = standardName(el.id) ?? el.kind.charAt(0).toLowerCase() + el.kind.slice(1);
        }
        return out;
    }
    function enumValue(id) {
        const el = get(id);
        const out = base(el);
        out.kind = "EnumValue";
        out.name = el.literals.get("name");
        out.enumValue = el.literals.get("enumValue");
        built.set(id, out);
        return out;
    }
    function mapKey(id) {
        const el = get(id);
        const out = base(el);
        out.kind = "MapKey";
        out.name = el.literals.get("name");
        built.set(id, out);
        return out;
    }
    function mapValue(id) {
        const el = get(id);
        const out = base(el);
        out.kind = "MapValue";
        out.name = el.literals.get("name");
        built.set(id, out);
        out.schema = schema(ids(el, "schema")[0] ?? "");
        return out;
    }
    function field(id) {
        const el = get(id);
        const out = base(el);
        out.kind = "Field";
        out.name = el.literals.get("name");
        built.set(id, out);
        out.schema = schema(ids(el, "schema")[0] ?? "");
        return out;
    }
    function payload(id) {
        const el = get(id);
        const out = base(el);
        out.kind = el.kind;
        out.name = el.literals.get("name");
        const nullable = el.literals.get("nullable");
        if (typeof nullable === "boolean")
            out.nullable = nullable;
        built.set(id, out);
        out.schema = schema(ids(el, "schema")[0] ?? "");
        return out;
    }
    function content(id) {
        const existing = built.get(id);
        if (existing)
            return existing;
        const el = get(id);
        const out = base(el);
        out.kind = el.kind;
        out.name = el.literals.get("name");
        built.set(id, out);
        switch (el.kind) {
            case "Property":
                out.writable = el.literals.get("writable") === true;
                out.schema = schema(ids(el, "schema")[0] ?? "");
                return out;
            case "Telemetry":
                out.schema = schema(ids(el, "schema")[0] ?? "");
                return out;
            case "Command": {
                const req = ids(el, "request")[0];
                const res = ids(el, "response")[0];
                if (req)
                    out.request = payload(req);
                if (res)
                    out.response = payload(res);
                const ct = ids(el, "commandType")[0];
                if (ct)
                    out.commandType = ct.includes(":asynchronous;") ? "asynchronous" : "synchronous";
                return out;
            }
            case "Relationship": {
                const target = el.literals.get("target");
                if (typeof target === "string")
                    out.target = target;
                const min = el.literals.get("minMultiplicity");
                if (typeof min === "number")
                    out.minMultiplicity = min;
                const max = el.literals.get("maxMultiplicity");
                if (typeof max === "number")
                    out.maxMultiplicity = max;
                out.writable = el.literals.get("writable") === true;
                out.properties = ids(el, "properties").map((p) => content(p));
                return out;
            }
            case "Component":
                out.schema = ids(el, "schema")[0] ?? "";
                return out;
            default:
                return out;
        }
    }
    function ancestorsOf(el) {
        const out = [];
        const seen = new Set([el.id]);
        const queue = [...ids(el, "extends")];
        while (queue.length > 0) {
            const id = queue.shift();
            if (seen.has(id))
                continue;
            seen.add(id);
            out.push(id);
            const parent = get(id);
            if (parent)
                queue.push(...ids(parent, "extends"));
        }
        return out;
    }
    function iface(el) {
        const existing = interfaces.get(el.id);
        if (existing)
            return existing;
        const out = base(el);
        out.kind = "Interface";
        out.extends = [...ids(el, "extends")];
        const ancestors = ancestorsOf(el);
        out.ancestors = ancestors;
        // `contents` already holds own and inherited contents (imported during validation).
        const contents = new Map();
        for (const c of ids(el, "contents")) {
            const item = content(c);
            if (!contents.has(item.name))
                contents.set(item.name, item);
        }
        out.contents = contents;
        out.schemas = ids(el, "schemas").map((s) => schema(s));
        if (sources.has(el.id))
            out.source = sources.get(el.id);
        interfaces.set(el.id, out);
        built.set(el.id, out);
        return out;
    }
    for (const el of elements.values()) {
        if (el.kind === "Interface")
            iface(el);
    }
    for (const el of elements.values()) {
        if (built.has(el.id))
            continue;
        if (el.isStandard && el.parentId === undefined && !isSchemaKind(el.kind))
            continue;
        if (["Property", "Telemetry", "Command", "Relationship", "Component"].includes(el.kind))
            content(el.id);
        else if (isSchemaKind(el.kind))
            schema(el.id);
    }
    return { interfaces, elements: built, topLevel };
}
const classTypeArrays = new Map();
/** The `types` of an element with no co-types: just its class DTMI (shared, frozen). */
function classTypes(kind, version) {
    const key = `${kind};${version}`;
    let types = classTypeArrays.get(key);
    if (!types) {
        types = Object.freeze([`dtmi:dtdl:class:${key}`]);
        classTypeArrays.set(key, types);
    }
    return types;
}
function isEmpty(map) {
    for (const _ in map)
        return false;
    return true;
}
const semanticTypeCache = new Map();
/** Whether an extension type is a semantic type (e.g. Temperature), directly or by inheritance. */
function isSemanticType(typeId) {
    let known = semanticTypeCache.get(typeId);
    if (known === undefined) {
        known = supplementalLineage(typeId).some((s) => supplementalType(s)?.extensionKind === "SemanticType");
        semanticTypeCache.set(typeId, known);
    }
    return known;
}
function isSchemaKind(kind) {
    return (kind !== "Interface" &&
        ![
            "Property",
            "Telemetry",
            "Command",
            "Relationship",
            "Component",
            "CommandPayload",
            "CommandRequest",
            "CommandResponse",
            "EnumValue",
            "MapKey",
            "MapValue",
            "Field",
            "CommandType",
            "Unit",
            "UnitAttribute",
            "LatentType",
            "NamedLatentType",
        ].includes(kind));
}
function standardName(id) {
    const m = /^dtmi:(?:dtdl:instance:Schema|standard:schema:geospatial|standard:schema):([A-Za-z]+);\d+$/.exec(id);
    return m?.[1];
}
function unitName(id, elements) {
    const el = elements.get(id);
    const name = el?.literals.get("name");
    if (typeof name === "string")
        return name;
    const m = /:([A-Za-z0-9]+)(?:;\d+)?$/.exec(id);
    return m?.[1] ?? id;
}
//# sourceMappingURL=objectModel.js.map