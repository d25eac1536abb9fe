/**
 * The direct dependencies and ancestry of one top-level model. `owned` lists the interfaces its
 * document defines (itself and inline ones); their own extends and component schemas count as the
 * model's dependencies, mapped to the top-level model that defines each target. Inherited contents
 * are skipped: they are dependencies of the ancestor, not of this model.
 */
export function analyseModel(modelId, owned, lookup, ownerOf) {
    const ownSet = new Set(owned);
    const refs = new Set();
    const addRef = (dtmi) => {
        if (ownSet.has(dtmi))
            return;
        const owner = ownerOf(dtmi);
        if (owner !== undefined && owner !== modelId)
            refs.add(owner);
    };
    for (const dtmi of owned) {
        const iface = lookup(dtmi);
        if (iface === undefined)
            continue;
        for (const parent of iface.extends)
            addRef(parent);
        for (const content of ownContents(iface, lookup)) {
            if (content.kind === "Component")
                addRef(content.schema);
        }
    }
    return { refs: [...refs], ancestors: ancestryOf(modelId, lookup) };
}
/** Contents declared by the interface itself: names no direct parent already has. */
function ownContents(iface, lookup) {
    const parents = iface.extends.map(lookup).filter((p) => p !== undefined);
    const own = [];
    for (const [name, content] of iface.contents) {
        if (!parents.some((parent) => parent.contents.has(name)))
            own.push(content);
    }
    return own;
}
/** Breadth-first over extends, so each ancestor gets its shortest depth (1 = direct parent). */
export function ancestryOf(modelId, lookup) {
    const root = lookup(modelId);
    if (root === undefined)
        return [];
    const depths = new Map();
    let frontier = [...root.extends];
    for (let depth = 1; frontier.length > 0; depth++) {
        const next = [];
        for (const id of frontier) {
            if (id === modelId || depths.has(id))
                continue;
            depths.set(id, depth);
            next.push(...(lookup(id)?.extends ?? []));
        }
        frontier = next;
    }
    // The parser's transitive list is authoritative; anything BFS could not reach sits one level below.
    const deepest = Math.max(0, ...depths.values());
    for (const id of root.ancestors)
        if (!depths.has(id) && id !== modelId)
            depths.set(id, deepest + 1);
    return [...depths].map(([id, depth]) => ({ id, depth }));
}
/**
 * Every `@id` an uploaded document defines (the document's own id and those of inline elements),
 * found by walking the JSON. References are plain strings, so only definitions are collected.
 */
export function definedIds(document) {
    const ids = [];
    const walk = (value) => {
        if (Array.isArray(value)) {
            for (const item of value)
                walk(item);
            return;
        }
        if (typeof value !== "object" || value === null)
            return;
        const record = value;
        const id = record["@id"];
        if (typeof id === "string")
            ids.push(id);
        for (const key in record)
            if (key !== "@id")
                walk(record[key]);
    };
    walk(document);
    return ids;
}
//# sourceMappingURL=modelDependencies.js.map