/** Persistence of uploaded models. Owned by `src/models`. */
export {};
//# sourceMappingURL=modelRepository.js.map