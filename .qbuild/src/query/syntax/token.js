export {};
//# sourceMappingURL=token.js.map