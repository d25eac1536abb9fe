import { appendPointer } from "../dtdl/valueValidation/jsonPointer.js";
import { DoppelError } from "../errors/catalogue.js";
import { checkValue, Problems } from "./contentValidation.js";
import { invalidRelationshipContent, patchInvalid, patchTargetNotFound, validationDetail } from "./graphErrors.js";
import { applyInside, isObject } from "./jsonPatch.js";
/**
 * Reads a relationship PUT body. `$relationshipName` and `$targetId` are required; the
 * `$relationshipId`, `$sourceId` and `$etag` real clients echo back are accepted (the ids must
 * then match the path); everything else is a relationship property.
 */
export function parseRelationshipBody(body, sourceId, relationshipId) {
    if (!isObject(body))
        throw new DoppelError("InvalidArgument", "The relationship must be a JSON object.");
    const name = body.$relationshipName;
    const targetId = body.$targetId;
    if (typeof name !== "string" || name === "") {
        throw new DoppelError("InvalidArgument", "The relationship must have a $relationshipName (a non-empty string).");
    }
    if (typeof targetId !== "string" || targetId === "") {
        throw new DoppelError("InvalidArgument", "The relationship must have a $targetId (a non-empty string).");
    }
    expectSame(body.$relationshipId, relationshipId, "$relationshipId", "relationship id");
    expectSame(body.$sourceId, sourceId, "$sourceId", "digital twin id");
    const properties = {};
    for (const key of Object.keys(body)) {
        if (key === "$relationshipName" || key === "$targetId" || key === "$relationshipId" || key === "$sourceId")
            continue;
        if (key === "$etag")
            continue;
        properties[key] = body[key];
    }
    return { name, targetId, properties };
}
function expectSame(value, expected, field, what) {
    if (value === undefined || value === null || value === expected)
        return;
    throw new DoppelError("InvalidArgument", `The ${field} in the body (${JSON.stringify(value)}) differs from the ${what} in the path (${expected}).`);
}
/** The stored relationship JSON, in ADT's key order. */
export function relationshipDoc(input) {
    return {
        $relationshipId: input.id,
        $etag: input.etag,
        $sourceId: input.sourceId,
        $relationshipName: input.name,
        $targetId: input.targetId,
        ...input.properties,
    };
}
/** Each property must be declared by the relationship and conform to its schema. */
export function checkRelationshipProperties(definition, properties, limits, names = Object.keys(properties)) {
    const problems = new Problems();
    for (const name of names) {
        if (!Object.hasOwn(properties, name))
            continue;
        const property = definition.properties.find((p) => p.name === name);
        if (property === undefined) {
            problems.details.push(validationDetail(`${name} does not appear on the DTDL for Relationship ${definition.name}.`));
            continue;
        }
        checkValue(property.schema, properties[name], appendPointer("", name), limits, problems);
    }
    if (problems.any)
        throw invalidRelationshipContent(problems.details);
}
/**
 * Applies a JSON Patch to a relationship's properties (in place, on a private copy): system
 * fields cannot change, and only declared properties may be added. Returns the touched names.
 */
export function applyRelationshipPatch(doc, ops, definition) {
    const touched = new Set();
    for (const op of ops) {
        const [name, ...inner] = op.segments;
        if (name.startsWith("$"))
            throw patchInvalid(`The path ${op.path} cannot be modified.`);
        const declared = definition?.properties.some((p) => p.name === name) ?? false;
        if (inner.length === 0) {
            if (op.op !== "add" && !Object.hasOwn(doc, name))
                throw patchTargetNotFound(name);
            if (op.op === "add" && !declared)
                throw patchInvalid(`${name} does not exist on relationship.`);
            if (op.op === "remove")
                delete doc[name];
            else
                doc[name] = op.value;
        }
        else {
            if (!Object.hasOwn(doc, name))
                throw patchTargetNotFound(name);
            applyInside(doc[name], inner, op);
        }
        touched.add(name);
    }
    return touched;
}
/** The user properties of a stored relationship document. */
export function relationshipProperties(doc) {
    const properties = {};
    for (const key of Object.keys(doc))
        if (!key.startsWith("$"))
            properties[key] = doc[key];
    return properties;
}
//# sourceMappingURL=relationshipDocument.js.map