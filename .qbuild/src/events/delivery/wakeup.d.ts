/** A resettable signal: `wait(ms)` resolves on the next `wake()` or after `ms`, whichever is first. */
export declare class Wakeup {
    private waiters;
    /** A wake with nobody waiting is remembered, so a commit between two waits is never lost. */
    private pending;
    wait(ms: number): Promise<void>;
    wake(): void;
}
