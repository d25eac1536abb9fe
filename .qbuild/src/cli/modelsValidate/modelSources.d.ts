import type { DtdlError } from "../../dtdl/model.js";
export interface SourceFile {
    readonly path: string;
    /** The file's text without a byte-order mark. */
    readonly text: string;
}
export interface SourceLocation {
    readonly path: string;
    readonly line: number;
}
/**
 * Maps the flat list of documents handed to the parser back to files and lines, so an error
 * can point at the `@id` of the offending element, or failing that at its document.
 */
export declare class ModelSources {
    private readonly spans;
    /** Registers a parsed file; returns its documents in order. */
    add(file: SourceFile, root: unknown): unknown[];
    locate(error: DtdlError): SourceLocation | undefined;
}
