export {};
//# sourceMappingURL=eventStore.js.map