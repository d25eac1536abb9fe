/** Where the command writes; tests pass collectors. */
export interface CommandIo {
    readonly out: (line: string) => void;
    readonly err: (line: string) => void;
}
/** `doppel models <sub-command>`. */
export declare function modelsCommand(argv: string[], io?: CommandIo): Promise<number>;
