export {};
//# sourceMappingURL=modelLookup.js.map