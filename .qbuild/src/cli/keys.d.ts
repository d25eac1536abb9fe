export interface CliOutput {
    log(line: string): void;
    error(line: string): void;
}
/** `doppel keys ...`: thin over the same functions the admin API uses. */
export declare function keysCommand(argv: string[], out?: CliOutput): Promise<number>;
