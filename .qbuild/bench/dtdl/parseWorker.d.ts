export interface WorkerResult {
    readonly parser: string;
    readonly files: number;
    readonly interfaces: number;
    /** Wall time of each parse, in ms, in order; the first one is cold. */
    readonly runsMs: readonly number[];
    /** CPU time (user + system, all threads) of each parse, in ms. */
    readonly runsCpuMs: readonly number[];
    /** From the start of the process to the end of the first parse: what a one-shot tool costs. */
    readonly endToEndMs: number;
    /** CPU time of the process up to the end of the first parse. */
    readonly endToEndCpuMs: number;
    readonly maxRssBytes: number;
}
