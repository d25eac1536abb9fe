import type { ErrorCollector } from "./errors.js";
import type { ParsedElement } from "./parsedElement.js";
/** v3+: the JSON text of each Interface (nested Interfaces outlined) is limited to 1 MiB. */
export declare function checkPartitions(elements: ReadonlyMap<string, ParsedElement>, _sources: ReadonlyMap<string, unknown>, errors: ErrorCollector): void;
