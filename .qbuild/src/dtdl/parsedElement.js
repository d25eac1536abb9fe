export {};
//# sourceMappingURL=parsedElement.js.map