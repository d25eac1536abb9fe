/**
 * The geospatial schemas and `scaledDecimal` are, in DTDL's metamodel, ordinary Objects:
 * GeoJSON geometries are `{type, coordinates}` with `type` a one-value string Enum and
 * `coordinates` nested Arrays of double; `scaledDecimal` is `{value: decimal, scale: short}`.
 * Validating them as those Objects gives exactly the official parser's instance rules
 * (fields optional, no other members allowed).
 */
const geospatialTypes = {
    point: ["Point", 1],
    multiPoint: ["MultiPoint", 2],
    lineString: ["LineString", 2],
    multiLineString: ["MultiLineString", 3],
    polygon: ["Polygon", 3],
    multiPolygon: ["MultiPolygon", 4],
};
const cache = new Map();
export function geospatialObjectSchema(name) {
    return cached(`geo:${name}`, () => {
        const [geoJsonType, depth] = geospatialTypes[name];
        const base = `dtmi:standard:schema:geospatial:${name}`;
        const typeEnum = {
            ...element(`${base}:type:schema;2`, 2),
            kind: "Enum",
            valueSchema: "string",
            enumValues: [{ ...element(`${base}:enumValue;2`, 2), kind: "EnumValue", name, enumValue: geoJsonType }],
        };
        let coordinates = primitive("double", 2);
        for (let level = 0; level < depth; level++) {
            const array = {
                ...element(`${base}:coordinates:level${level};2`, 2),
                kind: "Array",
                elementSchema: coordinates,
            };
            coordinates = array;
        }
        return objectSchema(`${base};2`, 2, [field(base, "type", typeEnum, 2), field(base, "coordinates", coordinates, 2)]);
    });
}
export function scaledDecimalObjectSchema() {
    return cached("scaledDecimal", () => {
        const base = "dtmi:standard:schema:scaledDecimal";
        return objectSchema(`${base};4`, 4, [
            field(base, "value", primitive("decimal", 4), 4),
            field(base, "scale", primitive("short", 4), 4),
        ]);
    });
}
function cached(key, build) {
    let schema = cache.get(key);
    if (schema === undefined) {
        schema = build();
        cache.set(key, schema);
    }
    return schema;
}
function element(id, dtdlVersion) {
    return { id, dtdlVersion, types: [] };
}
function primitive(name, dtdlVersion) {
    return { ...element(`dtmi:dtdl:instance:Schema:${name};${dtdlVersion}`, dtdlVersion), kind: "primitive", name };
}
function field(base, name, schema, dtdlVersion) {
    return { ...element(`${base}:${name};${dtdlVersion}`, dtdlVersion), kind: "Field", name, schema };
}
function objectSchema(id, dtdlVersion, fields) {
    return { ...element(id, dtdlVersion), kind: "Object", fields };
}
//# sourceMappingURL=builtInObjectSchemas.js.map