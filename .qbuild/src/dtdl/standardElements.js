import { ActiveContext } from "./context.js";
import { parseElement } from "./elementParser.js";
import { ErrorCollector } from "./errors.js";
import { metamodel } from "./generated/metamodel.js";
import { isJsonObject, toLdElement } from "./jsonLd.js";
import { setObjects } from "./parsedElement.js";
/**
 * The elements every model may refer to without defining them: primitive and geospatial schemas,
 * command types, units and unit enums. They are written in DTDL in the metamodel and parsed on
 * first use, with the same parser as models (reserved identifiers allowed).
 */
const ALIAS_FOR = /^dtmi:dtdl:property:aliasFor;\d$/;
/** Alias identifier → identifier of the element it stands for. */
const aliases = new Map();
/** Any identifier defined by a standard element → the top-level standard element holding it. */
const definitions = new Map();
for (const raw of metamodel.elements) {
    const id = raw["@id"];
    if (typeof id !== "string")
        continue;
    if (typeof raw.aliasFor === "string") {
        aliases.set(id, raw.aliasFor);
        continue;
    }
    indexIds(raw, raw);
}
function indexIds(top, value) {
    const stack = [value];
    while (stack.length > 0) {
        const v = stack.pop();
        if (Array.isArray(v))
            stack.push(...v);
        else if (isJsonObject(v)) {
            const id = v["@id"];
            if (typeof id === "string" && !definitions.has(id))
                definitions.set(id, top);
            for (const child of Object.values(v))
                if (typeof child === "object" && child !== null)
                    stack.push(child);
        }
    }
}
const state = {
    elements: new Map(),
    references: [],
    errors: new ErrorCollector(),
    docIndex: undefined,
    allowReservedIds: true,
    isStandard: true,
    pending: new Set(),
};
const root = ActiveContext.root({ allowUndefinedExtensions: true, maxDtdlVersion: 99, acceptableLimitContexts: [] });
const parsedTops = new Set();
/** Element id → ids it refers to, and id → ids of its children. */
const dependencies = new Map();
const children = new Map();
/** Follows alias links (e.g. the v3 `double` stands for the v2 element). */
export function dealias(id) {
    let current = id;
    for (let i = 0; i < 4; i++) {
        const next = aliases.get(current);
        if (next === undefined)
            return current;
        current = next;
    }
    return current;
}
function parseTop(top) {
    if (parsedTops.has(top))
        return;
    parsedTops.add(top);
    const copy = { ...top };
    for (const key of Object.keys(copy))
        if (ALIAS_FOR.test(key))
            delete copy[key];
    const firstRef = state.references.length;
    const before = new Set(state.elements.keys());
    try {
        parseElement(state, root, toLdElement(copy), {
            parentId: undefined,
            definedIn: undefined,
            propName: undefined,
            dtmiSeg: undefined,
            idRequired: true,
            typeRequired: true,
            allowedVersions: undefined,
            inferredType: undefined,
            expectedClass: undefined,
        });
    }
    catch {
        // A standard element the parser cannot read is simply unavailable.
    }
    for (const el of state.elements.values()) {
        if (before.has(el.id) || el.parentId === undefined)
            continue;
        let list = children.get(el.parentId);
        if (!list) {
            list = [];
            children.set(el.parentId, list);
        }
        list.push(el.id);
    }
    for (let i = firstRef; i < state.references.length; i++) {
        const ref = state.references[i];
        const target = dealias(ref.targetId);
        let deps = dependencies.get(ref.elementId);
        if (!deps) {
            deps = [];
            dependencies.set(ref.elementId, deps);
        }
        deps.push(target);
        const el = state.elements.get(ref.elementId);
        if (!el || ref.supplemental)
            continue;
        let list = el.objects.get(ref.property);
        if (!list) {
            list = [];
            setObjects(el, ref.property, list);
        }
        if (!list.includes(target))
            list.push(target);
    }
}
/** The standard element with this id (aliases followed), parsing it on first use. */
function standardElement(id) {
    const real = dealias(id);
    const top = definitions.get(real);
    if (!top)
        return undefined;
    parseTop(top);
    return state.elements.get(real);
}
/** Copies a standard element and everything it depends on into a model; false if unknown. */
export function addStandardElement(elements, id) {
    if (!standardElement(id))
        return false;
    const stack = [dealias(id)];
    while (stack.length > 0) {
        const current = stack.pop();
        if (elements.has(current))
            continue;
        const el = standardElement(current);
        if (!el)
            continue;
        elements.set(current, el);
        for (const dep of dependencies.get(current) ?? [])
            stack.push(dep);
        for (const child of children.get(current) ?? [])
            stack.push(child);
    }
    return true;
}
//# sourceMappingURL=standardElements.js.map