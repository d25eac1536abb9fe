export function toModelData(entry, includeDefinition) {
    const data = {
        id: entry.id,
        description: entry.description,
        displayName: entry.displayName,
        decommissioned: entry.decommissioned,
        uploadTime: entry.uploadTime,
    };
    return includeDefinition ? { ...data, model: entry.definition } : data;
}
//# sourceMappingURL=modelData.js.map