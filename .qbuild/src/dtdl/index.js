export { parseDtmi } from "./dtmi.js";
export * from "./model.js";
export { parseDtdl } from "./parseDtdl.js";
export { JsonNumber, JsonSyntaxError, parseJsonLossless, schemaAtPath, validateValue, } from "./validateValue.js";
//# sourceMappingURL=index.js.map