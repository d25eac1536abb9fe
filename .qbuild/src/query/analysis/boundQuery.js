export {};
//# sourceMappingURL=boundQuery.js.map