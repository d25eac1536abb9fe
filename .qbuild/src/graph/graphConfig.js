export const defaultGraphConfig = {
    maxTwinBytes: 32 * 1024,
    maxStringBytes: 4 * 1024,
    maxPropertyNameBytes: 1024,
    maxIdLength: 256,
    relationshipPageSize: 10,
};
//# sourceMappingURL=graphConfig.js.map