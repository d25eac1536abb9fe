export {};
//# sourceMappingURL=authOptions.js.map