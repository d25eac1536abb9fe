export * from "./model.js";
export { parseDtdl } from "./parseDtdl.js";
export { parseDtmi } from "./dtmi.js";
