import type { DtdlError } from "./model.js";
/** Details of a parsing error; every field except the code is optional. */
export interface ErrorDetails {
    readonly primaryId?: string | undefined;
    readonly secondaryId?: string | undefined;
    readonly property?: string | undefined;
    readonly value?: string | undefined;
    /** What was expected (limit, pattern, allowed types, …); used in the message only. */
    readonly restriction?: string | undefined;
    readonly type?: string | undefined;
    readonly documentIndex?: number | undefined;
}
/** Thrown to abandon the parse at once, as the official parser does for some errors. */
export declare class QuitParsing extends Error {
    constructor();
}
export declare const ERROR_PREFIX = "dtmi:dtdl:parsingError:";
export declare const RESOLUTION_PREFIX = "dtmi:dtdl:resolutionError:";
/** Collects errors in the order found; `quit` records one and stops the parse. */
export declare class ErrorCollector {
    readonly errors: DtdlError[];
    /** Index of the document being read, stamped on errors that carry none. */
    documentIndex: number | undefined;
    private readonly seen;
    add(code: string, details?: ErrorDetails): void;
    quit(code: string, details?: ErrorDetails): never;
    get any(): boolean;
    throwIfAny(): void;
}
export declare function errorMessage(code: string, details: ErrorDetails): string;
