import type { OutputShape } from "../compile/base.js";
/**
 * Turns result rows into the JSON text of `value` items without parsing documents: a twin or
 * relationship is spliced in as stored (exactly what GET returns), projected values arrive as
 * JSON text from the database, and a missing value leaves its key out (ADT omits it).
 */
export declare function renderRows(rows: readonly unknown[][], offset: number, shape: OutputShape, 
/** Rewrites a stored twin for the request's api-version; null when stored twins are already right. */
adaptTwin: ((json: string) => string) | null): string[];
