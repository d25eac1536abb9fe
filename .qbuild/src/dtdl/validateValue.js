import { geospatialObjectSchema, scaledDecimalObjectSchema } from "./valueValidation/builtInObjectSchemas.js";
import { describeValue } from "./valueValidation/describeValue.js";
import { isValidMapKey } from "./valueValidation/isValidMapKey.js";
import { JsonNumber } from "./valueValidation/jsonNumber.js";
import { appendPointer } from "./valueValidation/jsonPointer.js";
import { primitiveRules } from "./valueValidation/primitiveRules.js";
export { JsonNumber } from "./valueValidation/jsonNumber.js";
export { JsonSyntaxError, parseJsonLossless } from "./valueValidation/parseJsonLossless.js";
export { schemaAtPath } from "./valueValidation/schemaAtPath.js";
/** Values nested deeper than this are refused (v4 schemas may be self-referential). */
const maxDepth = 256;
/** Reporting stops here: one bad element repeated a million times needs one message. */
const maxErrors = 100;
/**
 * Checks a JSON value against a DTDL schema, returning every violation found (empty when the
 * value conforms). Numbers may be plain JS numbers or `JsonNumber`s (see `parseJsonLossless`)
 * for exact integer checks. Object fields are all optional but unknown fields are refused;
 * `null` never conforms.
 */
export function validateValue(schema, value, path = "") {
    const walk = { errors: [] };
    check(walk, schema, value, path, 0);
    return walk.errors;
}
function check(walk, schema, value, path, depth) {
    if (walk.errors.length >= maxErrors)
        return;
    if (depth > maxDepth) {
        report(walk, path, `Value is nested more than ${maxDepth} levels deep.`);
        return;
    }
    switch (schema.kind) {
        case "primitive": {
            const rule = primitiveRules[schema.name];
            if (!rule.accepts(value))
                mismatch(walk, path, rule.expected, value);
            return;
        }
        case "geospatial":
            checkObject(walk, geospatialObjectSchema(schema.name), value, path, depth, `a GeoJSON ${schema.name}`);
            return;
        case "scaledDecimal":
            checkObject(walk, scaledDecimalObjectSchema(), value, path, depth, "a scaledDecimal object");
            return;
        case "Enum":
            checkEnum(walk, schema, value, path);
            return;
        case "Array":
            checkArray(walk, schema, value, path, depth);
            return;
        case "Map":
            checkMap(walk, schema, value, path, depth);
            return;
        case "Object":
            checkObject(walk, schema, value, path, depth, "an object");
            return;
    }
}
function checkArray(walk, schema, value, path, depth) {
    if (!Array.isArray(value)) {
        mismatch(walk, path, "an array", value);
        return;
    }
    for (let i = 0; i < value.length && walk.errors.length < maxErrors; i++) {
        check(walk, schema.elementSchema, value[i], appendPointer(path, i), depth + 1);
    }
}
function checkMap(walk, schema, value, path, depth) {
    if (!isJsonObject(value)) {
        mismatch(walk, path, "an object (map)", value);
        return;
    }
    for (const key of Object.keys(value)) {
        if (walk.errors.length >= maxErrors)
            return;
        const keyPath = appendPointer(path, key);
        if (!isValidMapKey(key)) {
            report(walk, keyPath, `Map key ${JSON.stringify(key)} is not allowed: keys must be non-empty and must not start with '$'.`);
            continue;
        }
        check(walk, schema.mapValue.schema, value[key], keyPath, depth + 1);
    }
}
function checkObject(walk, schema, value, path, depth, expected) {
    if (!isJsonObject(value)) {
        mismatch(walk, path, expected, value);
        return;
    }
    const fields = fieldsByName(schema);
    for (const key of Object.keys(value)) {
        if (walk.errors.length >= maxErrors)
            return;
        const fieldPath = appendPointer(path, key);
        const field = fields.get(key);
        if (field === undefined) {
            report(walk, fieldPath, `${JSON.stringify(key)} is not a field of the object schema.`);
            continue;
        }
        check(walk, field.schema, value[key], fieldPath, depth + 1);
    }
}
function checkEnum(walk, schema, value, path) {
    if (!enumAccepts(schema, value)) {
        const allowed = schema.enumValues.map((v) => JSON.stringify(v.enumValue)).join(", ");
        mismatch(walk, path, allowed === "" ? "no value (the enum is empty)" : `one of ${allowed}`, value);
    }
}
function enumAccepts(schema, value) {
    const values = enumValueSet(schema);
    if (schema.valueSchema === "string")
        return typeof value === "string" && values.has(value);
    if (value instanceof JsonNumber)
        return /^-?(?:0|[1-9][0-9]*)$/.test(value.text) && values.has(Number(value.text));
    return typeof value === "number" && Number.isInteger(value) && values.has(value);
}
const fieldMaps = new WeakMap();
function fieldsByName(schema) {
    let fields = fieldMaps.get(schema);
    if (fields === undefined) {
        fields = new Map(schema.fields.map((f) => [f.name, f]));
        fieldMaps.set(schema, fields);
    }
    return fields;
}
const enumSets = new WeakMap();
function enumValueSet(schema) {
    let values = enumSets.get(schema);
    if (values === undefined) {
        values = new Set(schema.enumValues.map((v) => v.enumValue));
        enumSets.set(schema, values);
    }
    return values;
}
function isJsonObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}
function mismatch(walk, path, expected, value) {
    report(walk, path, `Expected ${expected} but found ${describeValue(value)}.`);
}
function report(walk, path, message) {
    walk.errors.push({ path, message });
}
//# sourceMappingURL=validateValue.js.map