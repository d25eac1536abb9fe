import type { OutputShape } from "../compile/base.js";

/**
 * Turns result rows into the JSON text of `value` items without parsing documents: a twin or
 * relationship is spliced in as stored (exactly what GET returns), projected values arrive as
 * JSON text from the database, and a missing value leaves its key out (ADT omits it).
 */
export function renderRows(
  rows: readonly unknown[][],
  offset: number,
  shape: OutputShape,
  /** Rewrites a stored twin for the request's api-version; null when stored twins are already right. */
  adaptTwin: ((json: string) => string) | null,
): string[] {
  if (shape.kind === "document") {
    const adapt = shape.twin ? adaptTwin : null;
    return rows.map((row) => (adapt ? adapt(row[offset] as string) : (row[offset] as string)));
  }
  const prefixes = shape.columns.map((column) => `${JSON.stringify(column.key)}:`);
  return rows.map((row) => {
    const parts: string[] = [];
    shape.columns.forEach((column, index) => {
      const value = row[offset + index];
      if (value === null || value === undefined) return;
      let text: string;
      if (column.encoding === "json") {
        text = column.twin && adaptTwin ? adaptTwin(value as string) : (value as string);
      } else {
        text = JSON.stringify(value);
      }
      parts.push(prefixes[index] + text);
    });
    return `{${parts.join(",")}}`;
  });
}
