export {};
//# sourceMappingURL=requestAccess.js.map