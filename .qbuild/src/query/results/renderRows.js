/**
 * Turns result rows into the JSON text of `value` items without parsing documents: a twin or
 * relationship is spliced in as stored (exactly what GET returns), projected values arrive as
 * JSON text from the database, and a missing value leaves its key out (ADT omits it).
 */
export function renderRows(rows, offset, shape, 
/** Rewrites a stored twin for the request's api-version; null when stored twins are already right. */
adaptTwin) {
    if (shape.kind === "document") {
        const adapt = shape.twin ? adaptTwin : null;
        return rows.map((row) => (adapt ? adapt(row[offset]) : row[offset]));
    }
    const prefixes = shape.columns.map((column) => `${JSON.stringify(column.key)}:`);
    return rows.map((row) => {
        const parts = [];
        shape.columns.forEach((column, index) => {
            const value = row[offset + index];
            if (value === null || value === undefined)
                return;
            let text;
            if (column.encoding === "json") {
                text = column.twin && adaptTwin ? adaptTwin(value) : value;
            }
            else {
                text = JSON.stringify(value);
            }
            parts.push(prefixes[index] + text);
        });
        return `{${parts.join(",")}}`;
    });
}
//# sourceMappingURL=renderRows.js.map