import { isRfc3339DateTime } from "../dtdl/valueValidation/rfc3339.js";
import { checkValue, Problems } from "./contentValidation.js";
import { invalidTwin, modelMissingDetail, notOnDtdlDetail, validationDetail } from "./graphErrors.js";
import { isObject } from "./jsonPatch.js";
/** The model a PUT body names, after checking it exists (ADT's exact answer otherwise). */
export function modelOfTwinBody(body, models) {
    const metadata = body.$metadata;
    const modelId = isObject(metadata) ? metadata.$model : undefined;
    if (typeof modelId !== "string" || modelId === "") {
        throw invalidTwin([validationDetail("The twin must name its model in $metadata.$model.")]);
    }
    const iface = models.has(modelId) ? models.getInterface(modelId) : undefined;
    if (iface === undefined)
        throw invalidTwin([modelMissingDetail(modelId)]);
    return iface;
}
/**
 * Builds the stored twin from a PUT body, validated against its model: every key is a Property
 * (value checked against its schema) or a Component (an object, checked likewise), every
 * component of the model is present, and `sourceTime`s are RFC 3339. `$dtId`, `$etag` and the
 * read-only metadata of a GET answer are accepted and ignored, so a twin read can be written back.
 */
export function buildTwin(input) {
    const { body, model, now } = input;
    const problems = new Problems();
    const bodyMetadata = body.$metadata;
    const doc = { $dtId: input.id, $etag: input.etag };
    const metadata = { $model: model.id, $lastUpdateTime: now };
    for (const key of Object.keys(body)) {
        if (key === "$dtId" || key === "$etag" || key === "$metadata")
            continue;
        const content = key.startsWith("$") ? undefined : model.contents.get(key);
        const value = body[key];
        if (content?.kind === "Property") {
            checkValue(content.schema, value, `/${key}`, input.limits, problems);
            doc[key] = value;
            metadata[key] = propertyMetadata(bodyMetadata[key], now, `/$metadata/${key}`, problems);
        }
        else if (content?.kind === "Component") {
            const component = input.models.getInterface(content.schema);
            if (component === undefined)
                problems.details.push(modelMissingDetail(content.schema));
            else
                doc[key] = buildComponent(value, component, key, now, input.limits, problems);
        }
        else {
            problems.details.push(notOnDtdlDetail(key));
        }
    }
    for (const content of model.contents.values()) {
        if (content.kind === "Component" && !Object.hasOwn(body, content.name)) {
            problems.add(`Component ${content.name} is missing; a twin must define every component of its model (it may be {}).`);
        }
    }
    if (problems.any)
        throw invalidTwin(problems.details);
    doc.$metadata = metadata;
    return doc;
}
/** A component value from a PUT body or a whole-component patch. */
export function buildComponent(value, component, name, now, limits, problems) {
    const built = {};
    const metadata = { $lastUpdateTime: now };
    if (!isObject(value)) {
        problems.add(`Invalid value at /${name}: a component must be a JSON object.`);
        return built;
    }
    const given = isObject(value.$metadata) ? value.$metadata : {};
    for (const key of Object.keys(value)) {
        if (key === "$metadata")
            continue;
        const content = key.startsWith("$") ? undefined : component.contents.get(key);
        if (content?.kind !== "Property") {
            problems.details.push(notOnDtdlDetail(`${name}/${key}`));
            continue;
        }
        checkValue(content.schema, value[key], `/${name}/${key}`, limits, problems);
        built[key] = value[key];
        metadata[key] = propertyMetadata(given[key], now, `/${name}/$metadata/${key}`, problems);
    }
    built.$metadata = metadata;
    return built;
}
/** `{lastUpdateTime: now}` plus the `sourceTime` the body gave for the property, if any. */
function propertyMetadata(given, now, pointer, problems) {
    const entry = { lastUpdateTime: now };
    if (!isObject(given))
        return entry;
    const sourceTime = given.sourceTime;
    if (sourceTime === undefined || sourceTime === null)
        return entry;
    if (typeof sourceTime !== "string" || !isRfc3339DateTime(sourceTime)) {
        problems.add(`Invalid value at ${pointer}/sourceTime: Expected an RFC 3339 date-time.`);
        return entry;
    }
    entry.sourceTime = sourceTime;
    return entry;
}
export function isValidSourceTime(value) {
    return typeof value === "string" && isRfc3339DateTime(value);
}
//# sourceMappingURL=buildTwin.js.map