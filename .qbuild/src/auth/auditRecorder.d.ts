import type { AuthStore, NewAuditEntry } from "../store/ports/authStore.js";
/**
 * Buffers audit entries and writes them in one transaction every `flushMs`, so auditing a write
 * costs a fraction of a durable commit instead of one of its own. `flush()` runs before the admin
 * API reads the log and when the server closes.
 */
export declare class AuditRecorder {
    private readonly store;
    private readonly options;
    private pending;
    private timer;
    private flushing;
    private lastPrune;
    constructor(store: AuthStore, options: {
        readonly enabled: boolean;
        readonly retentionDays: number;
        readonly flushMs?: number;
        readonly onError?: (error: unknown) => void;
    });
    get enabled(): boolean;
    record(entry: NewAuditEntry): void;
    flush(): Promise<void>;
    private write;
}
