export const defaultServerConfig = {
    maxModelsPerUpload: 250,
    pageSize: 100,
};
//# sourceMappingURL=services.js.map