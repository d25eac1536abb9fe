import { appendPointer } from "../dtdl/valueValidation/jsonPointer.js";
import { buildComponent, isValidSourceTime } from "./buildTwin.js";
import { checkValue, Problems } from "./contentValidation.js";
import { invalidTwin, modelDecommissioned, modelMissingDetail, notOnDtdlDetail, patchInvalid, patchPathUnresolved, patchPropertyNotOnModel, patchTargetNotFound, } from "./graphErrors.js";
import { applyInside, isObject } from "./jsonPatch.js";
import { isComponentValue } from "./twinDocument.js";
/**
 * Applies a JSON Patch to a twin with ADT's semantics, atomically: it either returns with the
 * document patched, validated against its (possibly new) model and re-stamped, or throws and the
 * caller discards the copy. Paths address root properties (and inside their values), component
 * properties, `/$metadata/$model` (model migration) and `…/$metadata/<property>/sourceTime`.
 */
export function applyTwinPatch(input) {
    const { doc, models } = input;
    const changes = {
        model: models.getInterface(doc.$metadata.$model),
        modelChanged: false,
        properties: new Set(),
        components: new Map(),
        problems: new Problems(),
    };
    if (input.component !== undefined && changes.model?.contents.get(input.component)?.kind !== "Component") {
        throw patchPathUnresolved(input.ops[0]?.path ?? `/${input.component}`);
    }
    for (const op of input.ops)
        applyOperation(input, changes, op);
    validate(input, changes);
    if (changes.problems.any)
        throw invalidTwin(changes.problems.details);
    stamp(input, changes);
}
function applyOperation(input, changes, op) {
    const [head, ...rest] = op.segments;
    if (input.component === undefined && head === "$metadata") {
        applyRootMetadata(input, changes, op, rest);
        return;
    }
    if (head.startsWith("$"))
        throw cannotModify(op.path);
    const content = changes.model?.contents.get(head);
    if (input.component !== undefined && content?.kind !== "Component")
        throw patchPathUnresolved(op.path);
    if (content?.kind === "Property") {
        applyToProperty(input.doc, head, rest, op);
        changes.properties.add(head);
        return;
    }
    if (content?.kind !== "Component") {
        throw rest.length === 0 ? patchPropertyNotOnModel(head) : patchPathUnresolved(op.path);
    }
    const componentModel = input.models.getInterface(content.schema);
    if (rest.length === 0) {
        if (op.op === "remove")
            throw patchInvalid(`The component ${head} cannot be removed; a twin keeps every component of its model.`);
        if (componentModel === undefined)
            throw invalidTwin([modelMissingDetail(content.schema)]);
        input.doc[head] = buildComponent(op.value, componentModel, head, input.now, input.limits, changes.problems);
        changes.components.set(head, new Set());
        return;
    }
    const component = input.doc[head];
    if (!isComponentValue(component))
        throw patchPathUnresolved(op.path);
    const touched = changes.components.get(head) ?? new Set();
    changes.components.set(head, touched);
    const [name, ...inner] = rest;
    if (name === "$metadata") {
        applySourceTime(component, componentModel, inner, op);
        return;
    }
    if (name.startsWith("$"))
        throw cannotModify(op.path);
    if (componentModel?.contents.get(name)?.kind !== "Property") {
        throw inner.length === 0 ? patchPropertyNotOnModel(name) : patchPathUnresolved(op.path);
    }
    applyToProperty(component, name, inner, op);
    touched.add(name);
}
/** `/$metadata/$model` (migration) or `/$metadata/<property>/sourceTime`. */
function applyRootMetadata(input, changes, op, rest) {
    if (rest.length === 1 && rest[0] === "$model") {
        if (op.op === "remove")
            throw patchInvalid("The path /$metadata/$model cannot be removed; a twin always has a model.");
        const modelId = op.value;
        if (typeof modelId !== "string" || modelId === "") {
            throw invalidTwin([notOnDtdlDetail("$metadata.$model")]);
        }
        const model = input.models.has(modelId) ? input.models.getInterface(modelId) : undefined;
        if (model === undefined)
            throw invalidTwin([modelMissingDetail(modelId)]);
        if (modelId !== input.doc.$metadata.$model && input.models.isDecommissioned(modelId)) {
            throw modelDecommissioned(modelId);
        }
        if (modelId !== input.doc.$metadata.$model)
            changes.modelChanged = true;
        input.doc.$metadata.$model = modelId;
        changes.model = model;
        return;
    }
    applySourceTime(input.doc, changes.model, rest, op);
}
/** `<property>/sourceTime` under a `$metadata`: the property must be defined and set. */
function applySourceTime(holder, model, rest, op) {
    const [name, field] = rest;
    if (rest.length !== 2 || field !== "sourceTime" || name === undefined || name.startsWith("$")) {
        throw cannotModify(op.path);
    }
    if (model?.contents.get(name)?.kind !== "Property")
        throw patchPropertyNotOnModel(name);
    if (!Object.hasOwn(holder, name))
        throw patchTargetNotFound(name);
    const current = isObject(holder.$metadata[name]) ? holder.$metadata[name] : {};
    if (op.op === "remove") {
        if (current.sourceTime === undefined)
            throw patchTargetNotFound("sourceTime");
        const { sourceTime: _removed, ...kept } = current;
        holder.$metadata[name] = kept;
        return;
    }
    if (!isValidSourceTime(op.value)) {
        throw invalidTwin([
            { code: "ValidationFailed", message: `Invalid value at ${op.path}: Expected an RFC 3339 date-time.` },
        ]);
    }
    holder.$metadata[name] = { ...current, sourceTime: op.value };
}
/** add sets, replace and remove need the property (or the location inside it) to exist. */
function applyToProperty(holder, name, inner, op) {
    if (inner.length === 0) {
        if (op.op !== "add" && !Object.hasOwn(holder, name))
            throw patchTargetNotFound(name);
        if (op.op === "remove")
            delete holder[name];
        else
            holder[name] = op.value;
        return;
    }
    if (!Object.hasOwn(holder, name))
        throw patchTargetNotFound(name);
    applyInside(holder[name], inner, op);
}
function validate(input, changes) {
    const { doc, limits } = input;
    const model = changes.model;
    if (changes.modelChanged && model !== undefined) {
        validateWholeTwin(input, model, changes.problems);
        return;
    }
    for (const name of changes.properties) {
        const content = model?.contents.get(name);
        if (content?.kind === "Property" && Object.hasOwn(doc, name)) {
            checkValue(content.schema, doc[name], appendPointer("", name), limits, changes.problems);
        }
    }
    for (const [componentName, names] of changes.components) {
        const content = model?.contents.get(componentName);
        const componentModel = content?.kind === "Component" ? input.models.getInterface(content.schema) : undefined;
        const component = doc[componentName];
        for (const name of names) {
            const property = componentModel?.contents.get(name);
            if (property?.kind === "Property" && Object.hasOwn(component, name)) {
                checkValue(property.schema, component[name], `/${componentName}/${name}`, limits, changes.problems);
            }
        }
    }
}
/** After a model migration every value must fit the new model. */
function validateWholeTwin(input, model, problems) {
    const { doc, limits } = input;
    for (const key of Object.keys(doc)) {
        if (key.startsWith("$"))
            continue;
        const content = model.contents.get(key);
        if (content?.kind === "Property") {
            checkValue(content.schema, doc[key], appendPointer("", key), limits, problems);
        }
        else if (content?.kind === "Component" && isComponentValue(doc[key])) {
            const componentModel = input.models.getInterface(content.schema);
            const component = doc[key];
            for (const name of Object.keys(component)) {
                if (name === "$metadata")
                    continue;
                const property = componentModel?.contents.get(name);
                if (property?.kind === "Property")
                    checkValue(property.schema, component[name], `/${key}/${name}`, limits, problems);
                else
                    problems.details.push(notOnDtdlDetail(`${key}/${name}`));
            }
        }
        else {
            problems.details.push(notOnDtdlDetail(key));
        }
    }
    for (const content of model.contents.values()) {
        if (content.kind === "Component" && !isComponentValue(doc[content.name])) {
            problems.add(`Component ${content.name} is missing; a twin must define every component of its model (it may be {}).`);
        }
    }
}
/** New lastUpdateTime for changed values, metadata dropped for removed ones, sourceTime kept. */
function stamp(input, changes) {
    const { doc, now } = input;
    doc.$metadata.$lastUpdateTime = now;
    restamp(doc, doc.$metadata, changes.properties, now);
    for (const [componentName, names] of changes.components) {
        const component = doc[componentName];
        component.$metadata.$lastUpdateTime = now;
        restamp(component, component.$metadata, names, now);
    }
}
function restamp(holder, metadata, names, now) {
    for (const name of names) {
        if (!Object.hasOwn(holder, name)) {
            delete metadata[name];
            continue;
        }
        const sourceTime = metadata[name]?.sourceTime;
        metadata[name] = sourceTime === undefined ? { lastUpdateTime: now } : { lastUpdateTime: now, sourceTime };
    }
}
function cannotModify(path) {
    return patchInvalid(`The path ${path} cannot be modified.`);
}
//# sourceMappingURL=patchTwin.js.map