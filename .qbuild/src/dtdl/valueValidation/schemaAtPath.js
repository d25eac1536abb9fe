import { geospatialObjectSchema, scaledDecimalObjectSchema } from "./builtInObjectSchemas.js";
import { isValidMapKey } from "./isValidMapKey.js";
/**
 * The schema of the value a JSON Pointer (already split into unescaped tokens) reaches inside a
 * value of `schema`: Object fields by name, Map values by any allowed key, Array elements by
 * index or `-` (JSON Patch's "end of array"). For patches such as `/position/latitude`.
 */
export function schemaAtPath(schema, tokens) {
    let current = schema;
    for (let depth = 0; depth < tokens.length; depth++) {
        const token = tokens[depth];
        const next = child(current, token);
        if (typeof next === "string")
            return { ok: false, depth, message: next };
        current = next;
    }
    return { ok: true, schema: current };
}
function child(schema, token) {
    switch (schema.kind) {
        case "Object":
        case "geospatial":
        case "scaledDecimal": {
            const object = schema.kind === "Object"
                ? schema
                : schema.kind === "geospatial"
                    ? geospatialObjectSchema(schema.name)
                    : scaledDecimalObjectSchema();
            const field = object.fields.find((f) => f.name === token);
            return field ? field.schema : `${JSON.stringify(token)} is not a field of the object schema.`;
        }
        case "Map":
            return isValidMapKey(token)
                ? schema.mapValue.schema
                : `Map key ${JSON.stringify(token)} is not allowed: keys must be non-empty and must not start with '$'.`;
        case "Array":
            return token === "-" || /^(?:0|[1-9][0-9]*)$/.test(token)
                ? schema.elementSchema
                : `${JSON.stringify(token)} is not an array index.`;
        case "primitive":
        case "Enum":
            return `${schema.kind === "Enum" ? "An Enum" : `A ${schema.name}`} value has no members (${JSON.stringify(token)}).`;
    }
}
//# sourceMappingURL=schemaAtPath.js.map