export { parseDtmi } from "./dtmi.js";
export * from "./model.js";
export { parseDtdl } from "./parseDtdl.js";
export { JsonNumber, JsonSyntaxError, parseJsonLossless, type SchemaAtPath, schemaAtPath, type ValueError, validateValue, } from "./validateValue.js";
