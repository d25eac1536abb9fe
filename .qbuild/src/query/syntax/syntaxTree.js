export {};
//# sourceMappingURL=syntaxTree.js.map