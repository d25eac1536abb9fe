/**
 * Shapes of the generated metamodel tables (`generated/metamodel.ts`), which are derived from the
 * official DTDL metamodel digest by `scripts/generate-dtdl-metamodel.mjs`.
 */
export {};
//# sourceMappingURL=metamodelTypes.js.map