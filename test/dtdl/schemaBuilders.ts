/** Hand-built DTDL schemas for tests that must not depend on the parser. */
import type {
  ArraySchema,
  EnumSchema,
  GeospatialSchema,
  GeospatialSchemaName,
  MapSchema,
  ObjectSchema,
  PrimitiveSchema,
  PrimitiveSchemaName,
  ScaledDecimalSchema,
  Schema,
} from "../../src/dtdl/model.js";

let counter = 0;
function base() {
  counter++;
  return { id: `dtmi:test:schema${counter};1`, dtdlVersion: 3 as const, types: [] };
}

export function primitive(name: PrimitiveSchemaName): PrimitiveSchema {
  return { ...base(), kind: "primitive", name };
}

export function geospatial(name: GeospatialSchemaName): GeospatialSchema {
  return { ...base(), kind: "geospatial", name };
}

export function scaledDecimal(): ScaledDecimalSchema {
  return { ...base(), kind: "scaledDecimal" };
}

export function arrayOf(elementSchema: Schema): ArraySchema {
  return { ...base(), kind: "Array", elementSchema };
}

export function mapOf(schema: Schema): MapSchema {
  return {
    ...base(),
    kind: "Map",
    mapKey: { ...base(), kind: "MapKey", name: "key" },
    mapValue: { ...base(), kind: "MapValue", name: "value", schema },
  };
}

export function objectOf(fields: Record<string, Schema>): ObjectSchema {
  return {
    ...base(),
    kind: "Object",
    fields: Object.entries(fields).map(([name, schema]) => ({ ...base(), kind: "Field" as const, name, schema })),
  };
}

export function enumOf(valueSchema: "integer" | "string", values: readonly (string | number)[]): EnumSchema {
  return {
    ...base(),
    kind: "Enum",
    valueSchema,
    enumValues: values.map((enumValue, i) => ({ ...base(), kind: "EnumValue" as const, name: `v${i}`, enumValue })),
  };
}
