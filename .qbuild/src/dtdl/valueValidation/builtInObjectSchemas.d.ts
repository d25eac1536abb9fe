import type { GeospatialSchemaName, ObjectSchema } from "../model.js";
export declare function geospatialObjectSchema(name: GeospatialSchemaName): ObjectSchema;
export declare function scaledDecimalObjectSchema(): ObjectSchema;
