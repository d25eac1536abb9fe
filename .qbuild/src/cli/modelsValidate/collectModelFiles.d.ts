/** Thrown when a named path does not exist; the CLI turns it into a usage error. */
export declare class MissingPathError extends Error {
    readonly path: string;
    constructor(path: string);
}
/**
 * Expands the paths given on the command line: files are taken as named (whatever their
 * extension), folders are walked recursively for `.json`/`.jsonld` files in name order, so
 * the same tree always yields the same order (and so the same error order).
 */
export declare function collectModelFiles(paths: readonly string[]): Promise<string[]>;
