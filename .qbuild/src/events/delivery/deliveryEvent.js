export function toDeliveryEvent(row) {
    let parsed;
    return {
        seq: row.seq,
        twinId: row.twinId,
        type: row.type,
        raw: row.event,
        createdAt: row.createdAt,
        event() {
            parsed ??= parseEvent(row.event);
            return parsed;
        },
    };
}
function parseEvent(text) {
    try {
        const value = JSON.parse(text);
        if (value !== null && typeof value === "object" && !Array.isArray(value))
            return value;
    }
    catch {
        // An unreadable row is delivered as is and matched as an empty event.
    }
    return {};
}
//# sourceMappingURL=deliveryEvent.js.map