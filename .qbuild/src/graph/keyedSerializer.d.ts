/**
 * Runs tasks one at a time per key (a twin id) and concurrently across keys. Within one process
 * this makes writes to a twin strictly ordered, so the store's compare-and-swap only fails when
 * another process (or a change to a neighbouring twin) got in between.
 */
export declare class KeyedSerializer {
    private readonly tails;
    run<T>(key: string, task: () => Promise<T>): Promise<T>;
    /** Keys with a task running or queued (for tests and metrics). */
    get size(): number;
}
