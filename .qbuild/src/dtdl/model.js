/**
 * The DTDL object model: what a successful parse yields, and what the rest of the platform
 * (model registry, twin validation, query analysis) reads. Plain read-only data.
 * Every element carries its DTMI, including the ids the spec generates for anonymous elements
 * (e.g. `dtmi:ex:Room:_contents:__temp;1`).
 */
export {};
//# sourceMappingURL=model.js.map